/* Calls' countdowns ("closes in 3 days") kept right in the browser.
   A page with calls may be served from the cache some minutes after the server wrote its
   words; each <time data-countdown data-opens data-closes> is rewritten from the moments it
   carries and the wording the page gives (hub/calls/countdown.py), then once a minute. */
(function () {
  "use strict";

  var element = document.getElementById("countdown-words");
  if (!element) { return; }
  var settings = JSON.parse(element.textContent);
  var language = document.documentElement.lang || undefined;

  function countText(table, count) {
    var index = count < table.index.length ? count : 100 + (count % 100);
    return table.texts[table.index[index]].replace("%(count)s", count.toLocaleString(language));
  }

  function words(opens, closes, now) {
    var kind, seconds;
    if (now < opens) {
      kind = "opens"; seconds = (opens - now) / 1000;
    } else if (now < closes) {
      kind = "closes"; seconds = (closes - now) / 1000;
    } else {
      kind = "closed"; seconds = (now - closes) / 1000;
    }
    for (var i = 0; i < settings.units.length; i++) {
      var unit = settings.units[i];
      if (seconds >= unit[2]) {
        var count = Math.max(1, Math.floor(seconds / unit[1]));
        return countText(settings.words[kind + "-" + unit[0]], count);
      }
    }
    return countText(settings.words[kind + "-minutes"], 1);
  }

  function refresh() {
    var now = Date.now();
    document.querySelectorAll("[data-countdown]").forEach(function (time) {
      var opens = Date.parse(time.getAttribute("data-opens"));
      var closes = Date.parse(time.getAttribute("data-closes"));
      if (isNaN(opens) || isNaN(closes)) { return; }
      var text = words(opens, closes, now);
      if (time.textContent !== text) { time.textContent = text; }
    });
  }

  refresh();
  window.setInterval(refresh, 60 * 1000);
})();
