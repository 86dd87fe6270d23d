// Follows an import's progress: polls its status every second, then shows the report.
(() => {
  const box = document.querySelector('[data-import-progress]');
  if (!box) return;
  const bar = box.querySelector('progress');
  const text = box.querySelector('[data-import-progress-text]');
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: 'application/json' } });
      const status = await response.json();
      if (status.finished) {
        window.location.reload();
        return;
      }
      bar.value = status.percent;
      bar.textContent = `${status.percent}%`;
      if (status.total) {
        text.textContent = `${status.label}: ${status.processed} / ${status.total}`;
      }
    } catch {
      // A dropped request is retried at the next tick.
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
})();
