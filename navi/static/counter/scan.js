// The scan page: the digits field keeps the focus for keyboard-wedge scanners (a scanner's Enter submits
// the form by itself), and the camera button decodes codes in the browser with the vendored ZXing.
(function () {
  "use strict";
  var input = document.getElementById("digits");
  var form = document.getElementById("scan-form");
  if (!input || !form) { return; }

  function interactive(element) {
    return element && element !== document.body && /^(A|BUTTON|INPUT|SELECT|TEXTAREA|VIDEO)$/.test(element.tagName);
  }

  // Without scrolling: a case page opened at one of its procedures (#procedure-…) stays there.
  input.focus({ preventScroll: true });
  // A scanner types wherever the focus is: a digit typed while nothing else is focused goes to the field.
  document.addEventListener("keydown", function (event) {
    if (!interactive(document.activeElement) && /^[0-9０-９]$/.test(event.key)) { input.focus(); }
  });
  // Clicking on empty page space must not leave the scanner typing into nothing.
  document.addEventListener("click", function (event) {
    if (!interactive(event.target) && !window.getSelection().toString()) { input.focus(); }
  });

  var start = document.getElementById("camera-start");
  var stop = document.getElementById("camera-stop");
  var video = document.getElementById("camera-video");
  var status = document.getElementById("camera-status");
  var stream = null;
  var timer = null;
  var starting = false;

  function halt() {
    if (timer) { window.clearInterval(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); stream = null; }
    video.hidden = true; stop.hidden = true; start.hidden = false;
    input.focus();
  }

  function decodeFrame(canvas, reader) {
    if (!video.videoWidth) { return; }
    canvas.width = video.videoWidth; canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    try {
      var source = new window.ZXing.HTMLCanvasElementLuminanceSource(canvas);
      var result = reader.decode(new window.ZXing.BinaryBitmap(new window.ZXing.HybridBinarizer(source)));
      halt();
      input.value = result.getText();
      form.submit();
    } catch (notFound) {
      // No code in this frame yet: try the next one.
    }
  }

  if (!start || !window.ZXing || !navigator.mediaDevices) {
    if (start) { start.disabled = true; status.textContent = start.dataset.errorText; }
    return;
  }
  start.addEventListener("click", function () {
    // A second click while the camera starts or runs would open a second camera that halt() never stops.
    if (starting || stream) { return; }
    starting = true;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (media) {
      starting = false;
      stream = media; video.srcObject = media; video.hidden = false; stop.hidden = false; start.hidden = true;
      status.textContent = start.dataset.busyText;
      video.play();
      var canvas = document.createElement("canvas");
      var reader = new window.ZXing.QRCodeReader();
      timer = window.setInterval(function () { decodeFrame(canvas, reader); }, 250);
    }).catch(function () { starting = false; status.textContent = start.dataset.errorText; halt(); });
  });
  stop.addEventListener("click", halt);
})();
