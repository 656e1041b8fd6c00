// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // Collapsible main navigation on narrow screens.
  var toggle = document.querySelector("[data-nav-toggle]");
  var panel = document.querySelector("[data-nav-panel]");
  if (toggle && panel) {
    var narrow = window.matchMedia("(max-width: 60rem)");
    var apply = function () {
      if (narrow.matches) {
        toggle.hidden = false;
        panel.hidden = toggle.getAttribute("aria-expanded") !== "true";
      } else {
        toggle.hidden = true;
        panel.hidden = false;
      }
    };
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      apply();
      if (!open) {
        var first = panel.querySelector("a, input, button, summary");
        if (first) { first.focus(); }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        apply();
        toggle.focus();
      }
    });
    narrow.addEventListener("change", apply);
    apply();
  }

  // Copy buttons (a link, a colour value): shown only where the clipboard can be written; the
  // confirmation is read out by the status line next to them.
  if (navigator.clipboard) {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var status = button.parentElement.querySelector("[data-copy-status]");
        navigator.clipboard.writeText(button.dataset.copy).then(function () {
          if (status) { status.textContent = button.dataset.copied || "✓"; }
        });
      });
    });
  }

  // Videos from other sites load only when the visitor asks for them.
  document.querySelectorAll("[data-embed]").forEach(function (figure) {
    var button = figure.querySelector("[data-embed-load]");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = figure.getAttribute("data-embed-src");
      frame.title = figure.getAttribute("data-embed-title");
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.className = "block-embed__frame";
      figure.replaceChildren(frame);
      frame.focus();
    });
  });

  // A lesson counts as done once the learner has scrolled to its end; the button stays for
  // anyone who prefers it (and for browsers without this script).
  var lessonEnd = document.querySelector("[data-complete-on-view]");
  if (lessonEnd && "IntersectionObserver" in window && window.fetch) {
    var completeForm = lessonEnd.querySelector("[data-complete-form]");
    var completeStatus = lessonEnd.querySelector("[data-complete-status]");
    var observer = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) { return; }
      observer.disconnect();
      fetch(completeForm.action, {
        method: "POST",
        body: new FormData(completeForm),
        credentials: "same-origin",
        headers: { "X-Portal-Background": "1" }
      }).then(function (response) {
        if (response.ok && completeStatus) {
          completeStatus.textContent = lessonEnd.getAttribute("data-done-text");
        }
      }).catch(function () { /* the button still works */ });
    });
    // Only after the learner has spent a moment on the lesson, not on a glance.
    window.setTimeout(function () { observer.observe(lessonEnd); }, 4000);
  }

  // Closing the account menu with Escape returns focus to its toggle.
  document.querySelectorAll("details.account-menu__details").forEach(function (details) {
    details.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && details.open) {
        details.open = false;
        details.querySelector("summary").focus();
      }
    });
  });
})();
