// Liaison workbench: small progressive enhancements. Every page works without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function typing(event) {
    var t = event.target;
    return event.ctrlKey || event.metaKey || event.altKey ||
      (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)));
  }

  // --- the hit queue: j / k to move, Enter to open, c / d to confirm or dismiss ---
  var selectedHit = null;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("#queue-body tr[data-hit]"));
  }

  function select(row) {
    rows().forEach(function (r) { r.classList.remove("selected"); r.removeAttribute("aria-selected"); });
    if (!row) { return; }
    row.classList.add("selected");
    row.setAttribute("aria-selected", "true");
    selectedHit = row.getAttribute("data-hit");
    var link = row.querySelector("a.open");
    if (link) { link.focus(); }
  }

  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var at = all.findIndex(function (r) { return r.getAttribute("data-hit") === selectedHit; });
    var next = at < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(Math.max(at + step, 0), all.length - 1);
    select(all[next]);
  }

  function openSelected(anchor) {
    var row = rows().find(function (r) { return r.getAttribute("data-hit") === selectedHit; }) || rows()[0];
    if (row) { window.location.href = row.getAttribute("data-href") + (anchor || ""); }
  }

  function focusReason(which) {
    var field = document.getElementById(which + "-reason");
    if (field) { field.scrollIntoView({block: "center"}); field.focus(); return true; }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    if (typing(event)) { return; }
    var onQueue = !!document.getElementById("queue-body");
    switch (event.key) {
      case "j": if (onQueue) { move(1); event.preventDefault(); } break;
      case "k": if (onQueue) { move(-1); event.preventDefault(); } break;
      case "c":
        if (onQueue) { openSelected("#confirm"); } else { focusReason("confirm"); }
        event.preventDefault();
        break;
      case "d":
        if (onQueue) { openSelected("#dismiss"); } else { focusReason("dismiss"); }
        event.preventDefault();
        break;
      case "Escape": if (document.activeElement) { document.activeElement.blur(); } break;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (window.location.hash === "#confirm" || window.location.hash === "#dismiss") {
      focusReason(window.location.hash.slice(1));
    }
    rows().forEach(function (row) {
      row.addEventListener("click", function (event) {
        if (event.target.tagName !== "A") { select(row); }
      });
    });
    // The language choice applies at once when changed.
    var locale = document.getElementById("locale-choice");
    if (locale) {
      locale.addEventListener("change", function () { locale.form.submit(); });
    }
    live();
  });

  // --- live updates: the server tells us something new arrived; we fetch the page again
  // and swap the parts that list things, keeping the reader's place and focus. ---
  var LIVE_PARTS = ["queue-body", "queue-total", "inbox-body", "inbox-total", "case-messages",
                    "new-hit-total", "open-request-total", "flights-with-hits",
                    "room-figures", "room-hits", "room-alerts", "room-reports", "room-map"];

  function refresh(announcement) {
    return fetch(window.location.href, {headers: {"Accept": "text/html"}, credentials: "same-origin"})
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        LIVE_PARTS.forEach(function (id) {
          var now = document.getElementById(id), next = fresh.getElementById(id);
          if (now && next) { now.replaceWith(document.importNode(next, true)); }
        });
        rows().forEach(function (row) {
          row.addEventListener("click", function (event) {
            if (event.target.tagName !== "A") { select(row); }
          });
          if (row.getAttribute("data-hit") === selectedHit) { row.classList.add("selected"); }
        });
        var status = document.getElementById("live-status");
        if (status && announcement) { status.textContent = announcement; }
        document.body.setAttribute("data-refreshed", String(Date.now()));
      });
  }

  function live() {
    var kind = document.body.getAttribute("data-live");
    if (!kind || !window.EventSource) { return; }
    var source = new EventSource(document.body.getAttribute("data-events") || "/events");
    var wanted = {hits: ["hits"], messages: ["messages"], dashboard: ["hits", "messages"], room: ["room"]}[kind] || [];
    wanted.forEach(function (name) {
      source.addEventListener(name, function () {
        refresh(document.body.getAttribute("data-said-" + name));
      });
    });
    source.addEventListener("open", function () { document.body.setAttribute("data-live-open", "true"); });
  }
})();
