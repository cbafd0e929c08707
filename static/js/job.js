// Poll a background job's status until it is done or failed, and update the page.
(function () {
  const box = document.getElementById("job");
  if (!box) return;
  const url = box.dataset.statusUrl;
  function show(data) {
    document.getElementById("job-status").textContent = data.status_display;
    document.getElementById("job-stage").textContent = data.stage || "";
    const bar = document.getElementById("job-progress");
    bar.style.width = data.progress + "%";
    bar.parentElement.setAttribute("aria-valuenow", data.progress);
    const error = document.getElementById("job-error");
    error.textContent = data.error || "";
    error.classList.toggle("d-none", !data.error);
    const link = document.getElementById("job-download");
    if (data.download_url) { link.href = data.download_url; link.classList.remove("d-none"); }
    document.getElementById("job-retry").classList.toggle("d-none", !data.can_retry);
  }
  function poll() {
    fetch(url, { headers: { Accept: "application/json" } })
      .then((r) => r.json())
      .then((data) => {
        show(data);
        if (data.status !== "done" && data.status !== "failed") setTimeout(poll, 1000);
      })
      .catch(() => setTimeout(poll, 3000));
  }
  poll();
})();
