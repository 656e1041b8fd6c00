// The post editor: a Markdown text area with a formatting toolbar and @mention suggestions.
// Without this file the text area still works; mentions can be typed as @[Name](id).
(function () {
  "use strict";

  // Placeholder words come from the page, in the reader's language.
  function formats(editor) {
    var text = editor.dataset;
    return {
      bold: { before: "**", after: "**", placeholder: text.textBold },
      italic: { before: "*", after: "*", placeholder: text.textItalic },
      link: { before: "[", after: "](https://)", placeholder: text.textLink },
      code: { before: "`", after: "`", placeholder: text.textCode },
      list: { line: "- " },
      quote: { line: "> " }
    };
  }

  function wrap(area, format) {
    var start = area.selectionStart, end = area.selectionEnd;
    var value = area.value, selected = value.slice(start, end);
    var inserted;
    if (format.line) {
      var lines = (selected || "").split("\n");
      inserted = lines.map(function (line) { return format.line + line; }).join("\n");
    } else {
      inserted = format.before + (selected || format.placeholder) + format.after;
    }
    area.value = value.slice(0, start) + inserted + value.slice(end);
    area.focus();
    area.setSelectionRange(start, start + inserted.length);
  }

  function setUpToolbar(editor, area) {
    var toolbar = editor.querySelector("[role=toolbar]");
    if (!toolbar) { return; }
    toolbar.hidden = false;
    var FORMATS = formats(editor);
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
    // One tab stop for the toolbar; arrow keys move between its buttons.
    buttons.forEach(function (button, index) {
      button.tabIndex = index === 0 ? 0 : -1;
      button.addEventListener("click", function () { wrap(area, FORMATS[button.dataset.format]); });
      button.addEventListener("keydown", function (event) {
        var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (!step) { return; }
        event.preventDefault();
        var next = buttons[(index + step + buttons.length) % buttons.length];
        button.tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
      });
    });
  }

  function setUpMentions(editor, area) {
    var url = editor.dataset.mentionsUrl;
    var box = editor.querySelector(".editor__suggestions");
    var list = box && box.querySelector("[role=listbox]");
    var status = editor.querySelector("[data-editor-status]");
    if (!url || !list) { return; }
    // A text area keeps its own role (textbox): ARIA allows neither the combobox role nor
    // aria-expanded on it. It announces a list popup it controls; while the list is open the
    // option chosen with the arrow keys is its active descendant, and the live status says
    // how many people were found.
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-haspopup", "listbox");
    area.setAttribute("aria-controls", list.id);
    var described = (area.getAttribute("aria-describedby") || "") + " " + list.id.replace("-mentions", "-mention-help");
    area.setAttribute("aria-describedby", described.trim());
    var people = [], active = -1, started = -1, pending = null;

    function close() {
      // A request still on its way would open the list again, at a mention no longer typed.
      if (pending) { pending.abort(); pending = null; }
      box.hidden = true;
      area.removeAttribute("aria-activedescendant");
      people = []; active = -1; started = -1;
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (item, position) {
        item.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      if (index >= 0) { area.setAttribute("aria-activedescendant", list.children[index].id); }
    }

    function insert(person) {
      var caret = area.selectionStart;
      var text = "@[" + person.name + "](" + person.id + ") ";
      area.value = area.value.slice(0, started) + text + area.value.slice(caret);
      var position = started + text.length;
      close();
      area.focus();
      area.setSelectionRange(position, position);
      if (status) { status.textContent = editor.dataset.textMentioned.replace("%(name)s", person.name); }
    }

    function show(found) {
      people = found;
      list.textContent = "";
      found.forEach(function (person, index) {
        var item = document.createElement("li");
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.textContent = person.name;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); insert(person); });
        list.appendChild(item);
      });
      box.hidden = found.length === 0;
      if (!found.length) { area.removeAttribute("aria-activedescendant"); }
      highlight(found.length ? 0 : -1);
      if (status) {
        status.textContent = found.length
          ? editor.dataset.textSuggestions.replace("%(count)s", String(found.length)) : "";
      }
    }

    area.addEventListener("input", function () {
      var before = area.value.slice(0, area.selectionStart);
      var match = /(^|\s)@([^\s@\[\]()]{1,30})$/.exec(before);
      if (!match) { close(); return; }
      started = area.selectionStart - match[2].length - 1;
      var query = match[2];
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), { signal: pending.signal, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { people: [] }; })
        .then(function (data) { show(data.people || []); })
        .catch(function () { /* a newer request replaced this one */ });
    });

    area.addEventListener("keydown", function (event) {
      if (box.hidden || !people.length) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + people.length) % people.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        if (active >= 0) { event.preventDefault(); insert(people[active]); }
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    // Leaving the text area closes the list a moment later; focus may be back by then (a
    // toolbar button returns it to the text area), and the list then stays for the next key.
    area.addEventListener("blur", function () {
      setTimeout(function () {
        if (document.activeElement !== area) { close(); }
      }, 150);
    });
  }

  document.querySelectorAll(".editor").forEach(function (editor) {
    var area = editor.querySelector("textarea");
    if (!area) { return; }
    setUpToolbar(editor, area);
    setUpMentions(editor, area);
  });

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
})();
