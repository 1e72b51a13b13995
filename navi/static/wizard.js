// Shared-tablet privacy: after a quiet spell, count down in a dialog; 「続ける」 extends the session on the
// server, otherwise the session is erased and the start page shown (WCAG 2.2.1: at least 20 s to respond).
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.dataset.idleSeconds, 10);
  var countdown = parseInt(body.dataset.countdownSeconds, 10);
  var dialog = document.getElementById("idle-dialog");
  var counter = document.getElementById("idle-count");
  var finishForm = document.getElementById("finish-form");
  if (!idle || !dialog || !finishForm) { return; }
  var quietTimer = null;
  var tickTimer = null;
  var remaining = countdown;

  function erase() {
    document.getElementById("finish-reason").value = "idle";
    finishForm.submit();
  }
  function tick() {
    remaining -= 1;
    counter.textContent = String(Math.max(remaining, 0));
    if (remaining <= 0) { clearInterval(tickTimer); erase(); }
  }
  function warn() {
    remaining = countdown;
    counter.textContent = String(remaining);
    if (typeof dialog.showModal === "function") { dialog.showModal(); } else { dialog.setAttribute("open", ""); }
    document.getElementById("idle-continue").focus();
    tickTimer = setInterval(tick, 1000);
  }
  function restartQuiet() {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(warn, Math.max(idle - countdown, 1) * 1000);
  }
  function keepAlive() {
    clearInterval(tickTimer);
    if (dialog.open) { dialog.close(); }
    var data = new FormData();
    data.append("csrf_token", finishForm.querySelector("[name=csrf_token]").value);
    restartQuiet();
    fetch(body.dataset.keepaliveUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { if (response.status === 410) { erase(); } });
  }
  document.getElementById("idle-continue").addEventListener("click", keepAlive);
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); keepAlive(); });
  // Typing on one page is activity too: tell the server at most once a minute so its expiry moves along.
  var lastPing = Date.now();
  function ping() {
    if (Date.now() - lastPing < 60000) { return; }
    lastPing = Date.now();
    var data = new FormData();
    data.append("csrf_token", finishForm.querySelector("[name=csrf_token]").value);
    fetch(body.dataset.keepaliveUrl, { method: "POST", body: data, credentials: "same-origin" });
  }
  ["keydown", "pointerdown", "input"].forEach(function (name) {
    document.addEventListener(name, function () { if (!dialog.open) { restartQuiet(); ping(); } }, true);
  });
  restartQuiet();
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
})();
