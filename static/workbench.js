// Live word-diff preview for the proposal form. The form works without it: its
// "Preview" button asks the server for the same diff.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var form = document.getElementById("proposal-form");
    if (!form) { return; }
    var target = document.getElementById("preview");
    var url = form.getAttribute("data-preview-url");
    var timer = null;
    var serial = 0;
    function refresh() {
      var mine = ++serial;
      var data = new FormData(form);
      data.delete("action");
      fetch(url, { method: "POST", body: data, credentials: "same-origin",
                   headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          // Only the answer to the latest edit is shown.
          if (mine === serial) { target.innerHTML = html; target.setAttribute("data-serial", String(mine)); }
        })
        .catch(function () { /* the Preview button still works */ });
    }
    function later() { clearTimeout(timer); timer = setTimeout(refresh, 250); }
    ["text_en", "text_zh"].forEach(function (id) {
      var field = document.getElementById(id);
      if (field) { field.addEventListener("input", later); }
    });
    ["provision_id"].forEach(function (id) {
      var field = document.getElementById(id);
      if (field) { field.addEventListener("change", later); }
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[name=kind]"), function (radio) {
      radio.addEventListener("change", later);
    });
  });
})();

// The screen view: follows /api/events and refreshes the provision on screen in place. The
// browser's EventSource reconnects by itself and resumes with Last-Event-ID.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var screen = document.getElementById("screen");
    if (!screen || !window.EventSource) { return; }
    var status = document.getElementById("screen-status");
    var timer = null;
    var serial = 0;
    function shown() {
      var live = screen.querySelector(".screen-live");
      return live ? live.getAttribute("data-provision") : "";
    }
    function refresh(eventId) {
      var mine = ++serial;
      fetch(screen.getAttribute("data-live-url"), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          // Only the answer to the latest event is shown.
          if (mine !== serial) { return; }
          screen.innerHTML = html;
          screen.setAttribute("data-event", eventId);
        })
        .catch(function () { /* the next event or a reload shows it */ });
    }
    function onEvent(message) {
      var data = {};
      try { data = JSON.parse(message.data); } catch (e) { return; }
      var mine = shown();
      if (data.kind === "screen" || (mine && String(data.provision) === mine)) {
        clearTimeout(timer);
        timer = setTimeout(function () { refresh(message.lastEventId); }, 100);
      }
    }
    var source = new EventSource(screen.getAttribute("data-events-url"));
    ["tabled", "revised", "decided", "rebased", "version", "screen"].forEach(function (kind) {
      source.addEventListener(kind, onEvent);
    });
    source.addEventListener("open", function () { if (status) { status.setAttribute("data-state", "open"); } });
    source.addEventListener("error", function () { if (status) { status.setAttribute("data-state", "reconnecting"); } });
    window.addEventListener("pagehide", function () { source.close(); });
  });
})();
