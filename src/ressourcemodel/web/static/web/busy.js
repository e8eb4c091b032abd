// Long work (an upload, an import): a form with data-busy shows progress and cannot be sent twice.
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  if (!form.dataset || !form.dataset.busy) return;
  var bar = form.querySelector("progress");
  if (bar) bar.hidden = false;
  form.querySelectorAll("button[type=submit]").forEach(function (b) {
    b.disabled = true;
    b.textContent = form.dataset.busy;
  });
});
