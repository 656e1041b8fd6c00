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

  // A form sent back with errors: focus goes to the summary of them at its top, so the person
  // hears what is wrong first; each of its links puts focus in the field concerned, which is
  // scrolled into view with its label.
  var errorSummary = document.querySelector("[data-error-summary]");
  if (errorSummary) {
    errorSummary.focus();
    errorSummary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      var group = field.closest(".field, fieldset") || field;
      group.scrollIntoView();
      field.focus({ preventScroll: true });
    });
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

  // A form is sent once: while its request is under way the submit buttons are disabled and
  // say so, and a second click does nothing. The pressed button's name and value (save as
  // draft or submit) still reach the server, copied into a hidden field, since a disabled
  // button is not sent. Forms that answer with a download stay on the page: they opt out
  // with data-no-submit-lock.
  var sendingText = document.body.getAttribute("data-sending-text") || "…";

  function unlock(form) {
    form.removeAttribute("aria-busy");
    form.querySelectorAll("[data-submitter-copy], [data-sending-note]").forEach(function (node) {
      node.remove();
    });
    form.querySelectorAll("[data-locked]").forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-disabled");
      button.removeAttribute("data-locked");
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var method = (form.getAttribute("method") || "get").toLowerCase();
    if (method !== "post" || form.hasAttribute("data-no-submit-lock")) { return; }
    if (form.getAttribute("aria-busy") === "true") {
      event.preventDefault();
      return;
    }
    if (event.defaultPrevented) { return; }
    var submitter = event.submitter;
    if (submitter && submitter.name) {
      var copy = document.createElement("input");
      copy.type = "hidden";
      copy.name = submitter.name;
      copy.value = submitter.value;
      copy.setAttribute("data-submitter-copy", "");
      form.appendChild(copy);
    }
    form.setAttribute("aria-busy", "true");
    var buttons = form.querySelectorAll("button:not([type=button]):not([type=reset]), input[type=submit]");
    buttons.forEach(function (button) {
      if (button.disabled) { return; }
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
      button.setAttribute("data-locked", "");
    });
    var note = document.createElement("span");
    note.className = "sending-note";
    note.setAttribute("role", "status");
    note.setAttribute("data-sending-note", "");
    note.textContent = sendingText;
    var anchor = submitter || buttons[buttons.length - 1];
    if (anchor) {
      anchor.insertAdjacentElement("afterend", note);
    } else {
      form.appendChild(note);
    }
  });

  // Coming back with the browser's Back button shows the page as it was left: ready again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("form[aria-busy]").forEach(unlock);
  });

  // The language switcher keeps the page's filters: its links carry the page's address only,
  // the query is added when one is followed.
  document.querySelectorAll("a[data-language-switch]").forEach(function (link) {
    link.addEventListener("click", function () {
      if (!window.location.search) { return; }
      var url = new URL(link.href);
      var next = new URL(url.searchParams.get("next") || "/", window.location.origin);
      url.searchParams.set("next", next.pathname + window.location.search);
      link.href = url.pathname + url.search;
    });
  });

  // Closing the account and language menus with Escape returns focus to their toggle.
  document.querySelectorAll("details.account-menu__details, details.language-menu").forEach(function (details) {
    details.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && details.open) {
        details.open = false;
        details.querySelector("summary").focus();
      }
    });
  });
})();
