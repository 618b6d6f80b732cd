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
