// An import job's page in the admin: while the job is queued or running, poll its progress
// (JSON) every two seconds, update the counters and the bar, add the new failures; reload the
// page once the job is finished, for its summary and the list of every file.
// Wired through data- attributes: #import-job[data-progress-url][data-status][data-last-failure]
// [data-max-failures][data-stale], [data-field], [data-count].
(function () {
  "use strict";
  const root = document.getElementById("import-job");
  if (!root || root.dataset.status === "done" || root.dataset.status === "failed") return;
  if (root.dataset.stale) return; // its worker stopped: the page offers a retry instead
  const url = root.dataset.progressUrl;
  let after = Number(root.dataset.lastFailure || -1);
  const bar = document.getElementById("import-progress");
  const failures = document.querySelector("#import-failures tbody");

  function setText(selector, value) {
    root.querySelectorAll(selector).forEach(function (node) {
      node.textContent = String(value);
    });
  }

  function addFailure(failure) {
    after = failure.position;
    if (failures.rows.length >= Number(root.dataset.maxFailures || 200)) return;
    const row = document.createElement("tr");
    row.className = "import-failed";
    [failure.name, failure.message].forEach(function (text) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.appendChild(cell);
    });
    failures.appendChild(row);
    const none = root.querySelector("[data-field='no-failures']");
    if (none) none.remove();
  }

  function poll() {
    fetch(url + "?after=" + after, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (job) {
        if (job.finished || job.stale || job.status !== root.dataset.status) {
          if (job.finished || job.stale) {
            window.location.reload();
            return;
          }
          root.dataset.status = job.status;
          const waiting = root.querySelector("[data-field='waiting']");
          if (waiting) waiting.remove();
        }
        setText("[data-field='status']", job.status_label);
        setText("[data-field='done']", job.done);
        Object.keys(job.counts).forEach(function (name) {
          setText("[data-count='" + name + "']", job.counts[name]);
        });
        if (bar) bar.value = job.done;
        job.failures.forEach(addFailure);
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        window.setTimeout(poll, 10000); // the server is busy or gone: try again later
      });
  }

  window.setTimeout(poll, 1000);
})();
