// Behaviour shared by every page. The Content-Security-Policy forbids inline scripts and
// on*= attributes, so elements ask for behaviour with data- attributes instead.
(function () {
  // <select data-autosubmit>: choosing an option submits its form (role and language
  // switches in the header; a <noscript> button does the same without JavaScript).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // A progress bar's width follows its aria-valuenow (a style= attribute would be blocked).
  document.querySelectorAll("[role=progressbar][aria-valuenow] > .progress-bar")
    .forEach(function (bar) {
      bar.style.width = bar.parentElement.getAttribute("aria-valuenow") + "%";
    });
})();
