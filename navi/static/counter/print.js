// The print page's button opens the browser's print dialog (no inline script under our CSP).
(function () {
  "use strict";
  var button = document.getElementById("print-now");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
})();
