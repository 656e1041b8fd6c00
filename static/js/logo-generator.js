// Live preview for the logo generator: when a choice changes, the result (preview, download
// links, warnings) is fetched from the same page the form submits to, so the server draws and
// words everything. Without this script the "Show the logo" button does the same.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var generator = document.querySelector("[data-logo-generator]");
    if (!generator || !window.fetch || !window.DOMParser) { return; }
    var form = generator.querySelector("[data-logo-form]");
    var status = generator.querySelector("[data-logo-status]");
    var timer = null;
    var latest = 0;

    function refresh() {
      if (!form.elements.programme.value) { return; }
      var query = new URLSearchParams(new FormData(form)).toString();
      var url = form.action + "?" + query;
      var request = ++latest;
      fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null || request !== latest) { return; }
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-logo-result]");
          var current = generator.querySelector("[data-logo-result]");
          if (!fresh || !current) { return; }
          current.replaceWith(fresh);
          window.history.replaceState(null, "", url);
          if (status) { status.textContent = status.dataset.updated; }
        })
        .catch(function () { /* the button still submits the form */ });
    }

    form.addEventListener("change", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 250);
    });
    form.addEventListener("input", function (event) {
      if (event.target.type !== "text" && event.target.type !== "number") { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 600);
    });
  });
})();
