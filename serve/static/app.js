// The page works without this script; it only says that a re-solve is
// under way (a large program takes seconds), keeps a form from being
// sent twice, and loads a page that waits for the plan again each second
// until the plan is ready.
"use strict";
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  if (form.method.toLowerCase() !== "post") return;
  if (form.dataset.sent) { ev.preventDefault(); return; }
  form.dataset.sent = "1";
  var busy = document.getElementById("busy");
  if (busy) busy.hidden = false;
});
// Coming back to a page from the history shows it as it was: ready.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-sent]").forEach(function (f) { delete f.dataset.sent; });
  var busy = document.getElementById("busy");
  if (busy) busy.hidden = true;
});
// The cohorts and sessions are planned in the background: a page that
// waits for them asks again until they are ready.
if (document.getElementById("planning")) {
  setTimeout(function () { location.reload(); }, 1000);
}
