// The lobby board refreshes itself: it reads the board's JSON every few seconds and writes the numbers into
// the cells with textContent only. If the network drops, the last numbers stay and the clock says so.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board) { return; }
  var seconds = Math.max(parseInt(board.dataset.refreshSeconds, 10) || 5, 1);

  function show(data) {
    data.counters.forEach(function (line) {
      var row = document.getElementById("board-" + line.id);
      if (!row) { return; }
      row.querySelector(".board-calling").textContent = line.calling || "—";
      row.querySelector(".board-waiting").textContent = String(line.waiting);
      row.querySelector(".board-longest").textContent = String(line.longest_wait_minutes);
    });
    document.getElementById("board-updated").textContent = data.updated_at.slice(11, 16);
    board.dataset.updated = String(Date.now());
  }

  function refresh() {
    fetch(board.dataset.source, { headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
      .then(show)
      .catch(function () { board.dataset.offline = "1"; });
  }

  window.setInterval(refresh, seconds * 1000);
})();
