// Nothing typed is lost: every text area marked data-draft (portal.core.forms.KeepsDrafts)
// keeps a copy of its text in this tab's session storage while the person types. The copy
// comes back after a reload, a failed request or a server that said no, and goes only once
// the server confirms it has the text (a success message, marked data-clear-drafts): the
// browser cannot tell a request that arrived from one that did not.
// Session storage dies with the tab, and the copies belong to one account (data-draft-scope):
// signing out, or someone else signing in on the same tab, removes them.
(function () {
  "use strict";

  var PREFIX = "portal-draft:";
  var SENT = "portal-drafts-sent";
  var SAVE_AFTER_MS = 400;

  var storage;
  try {
    storage = window.sessionStorage;
    storage.setItem(SENT + "-probe", "1");
    storage.removeItem(SENT + "-probe");
  } catch (error) {
    return; // storage switched off: the form still works, without copies
  }

  // The page's <body> says whose copies these are; the admin's pages carry the same on an
  // element of their own (components/admin_drafts.html).
  var config = document.querySelector("[data-draft-scope]");
  if (!config) { return; }
  var scope = config.getAttribute("data-draft-scope") || "";

  function storedKeys() {
    var keys = [];
    for (var index = 0; index < storage.length; index += 1) {
      var key = storage.key(index);
      if (key && key.indexOf(PREFIX) === 0) { keys.push(key); }
    }
    return keys;
  }

  function read(key) {
    try { return JSON.parse(storage.getItem(key)); } catch (error) { return null; }
  }

  function write(key, value) {
    try { storage.setItem(key, JSON.stringify(value)); } catch (error) { /* storage full */ }
  }

  // Copies of another account, or kept before signing out, are not shown to anyone.
  storedKeys().forEach(function (key) {
    if (!scope || key.indexOf(PREFIX + scope + ":") !== 0) { storage.removeItem(key); }
  });

  // The forms sent from the previous page: their copies go if the server says it has them.
  var sent = read(SENT) || [];
  storage.removeItem(SENT);
  if (sent.length && document.querySelector("[data-clear-drafts], .messages li.success")) {
    sent.forEach(function (key) { storage.removeItem(key); });
  }
  if (!scope) { return; }

  function keyFor(area) {
    // The address the text is sent to: the same on a thread's page and on the reply page
    // a failed reply comes back to.
    // (read from the attribute: a control named "action" hides the form's property)
    var action = area.form ? area.form.getAttribute("action") || "" : "";
    var address = new URL(action, window.location.href).href;
    return PREFIX + scope + ":" + address.split("#")[0] + "#" + area.name;
  }

  // Only text typed (or given back) on this page is written: a form as the server filled it
  // has nothing to lose, and a refused form the server sent back must not drop the copy.
  function save(area) {
    if (!area.hasAttribute("data-draft-touched")) { return; }
    var key = keyFor(area);
    if (!area.value.trim()) {
      storage.removeItem(key);
    } else {
      write(key, { text: area.value, saved: Date.now() });
    }
  }

  function announce(area, serverText) {
    var note = document.createElement("p");
    note.className = "draft-note";
    note.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = config.getAttribute("data-draft-restored") + " ";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button button--small button--secondary";
    discard.textContent = config.getAttribute("data-draft-discard");
    discard.addEventListener("click", function () {
      area.value = serverText;
      storage.removeItem(keyFor(area));
      area.dispatchEvent(new Event("input", { bubbles: true }));
      note.remove();
      area.focus();
    });
    note.appendChild(text);
    note.appendChild(discard);
    area.insertAdjacentElement("afterend", note);
  }

  document.querySelectorAll("textarea[data-draft]").forEach(function (area) {
    var draft = read(keyFor(area));
    // Only into a field the person has not touched: empty, or as the server sent it.
    var untouched = area.value === "" || area.value === area.defaultValue;
    if (draft && typeof draft.text === "string" && draft.text !== area.value && untouched) {
      var serverText = area.defaultValue;
      area.value = draft.text;
      area.setAttribute("data-draft-touched", "");
      announce(area, serverText);
    }
    var timer = null;
    area.addEventListener("input", function () {
      area.setAttribute("data-draft-touched", "");
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { save(area); }, SAVE_AFTER_MS);
    });
    area.addEventListener("change", function () { save(area); });
    window.addEventListener("pagehide", function () { save(area); });
  });

  // On sending, the copies stay (the request may fail) and are named for the next page.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var areas = form.querySelectorAll("textarea[data-draft]");
    if (event.defaultPrevented || !areas.length) { return; }
    var keys = read(SENT) || [];
    areas.forEach(function (area) {
      if (area.value.trim()) { area.setAttribute("data-draft-touched", ""); }
      save(area);
      keys.push(keyFor(area));
    });
    write(SENT, keys);
  });
})();
