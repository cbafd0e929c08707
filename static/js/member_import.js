// Member import page: follow the background job and show the outcome once it is finished.
(function () {
  const box = document.getElementById("import-job");
  if (!box) return;
  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } })
      .then((r) => r.json())
      .then((data) => {
        document.getElementById("job-stage").textContent = data.stage || data.status_display;
        const bar = document.getElementById("job-progress");
        bar.style.width = data.progress + "%";
        bar.parentElement.setAttribute("aria-valuenow", data.progress);
        if (data.status === "done" || data.status === "failed") window.location.reload();
        else setTimeout(poll, 1000);
      })
      .catch(() => setTimeout(poll, 3000));
  }
  poll();
})();
