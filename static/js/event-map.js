/* Cooperation Day maps: the event finder, the position picker of the registration form and
   the map on an event's page. Leaflet and its marker clustering are served by the portal; the
   background is the bundled country outlines, with tiles on top when a tile server is set. */
(function () {
  "use strict";

  var EUROPE = [50, 10];

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function baseMap(element, options) {
    var settings = readJson("map-settings") || {};
    var map = L.map(element, Object.assign({ scrollWheelZoom: false, worldCopyJump: true, minZoom: 2, maxZoom: 18 }, options));
    map.setView(EUROPE, 4);
    map.attributionControl.setPrefix("");
    if (settings.outlineUrl) {
      fetch(settings.outlineUrl)
        .then(function (response) { return response.json(); })
        .then(function (outlines) {
          var layer = L.geoJSON(outlines, {
            interactive: false,
            style: { color: "#7a8aa0", weight: 1, fillColor: "#eef2f7", fillOpacity: 1 },
          });
          layer.addTo(map);
          layer.bringToBack();
        });
    }
    if (settings.tileUrl) {
      L.tileLayer(settings.tileUrl, { attribution: settings.tileAttribution || "", maxZoom: 18 }).addTo(map);
    }
    return map;
  }

  function formatWhen(properties) {
    var language = document.documentElement.lang || "en";
    try {
      return new Intl.DateTimeFormat(language, {
        dateStyle: "medium", timeStyle: "short", timeZone: properties.timeZone,
      }).format(new Date(properties.starts));
    } catch (error) {
      return properties.starts;
    }
  }

  function popupFor(properties) {
    // Built from text nodes: titles and places are what organisers typed.
    var box = document.createElement("div");
    var heading = document.createElement("p");
    heading.className = "map-popup__title";
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title;
    heading.appendChild(link);
    var when = document.createElement("p");
    when.textContent = formatWhen(properties);
    var where = document.createElement("p");
    where.textContent = properties.place;
    box.append(heading, when, where);
    return box;
  }

  function eventFinder(element) {
    var map = baseMap(element);
    var clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
    var markers = {};
    map.addLayer(clusters);
    fetch(element.dataset.geojson)
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          pointToLayer: function (feature, position) {
            return L.marker(position, { title: feature.properties.title, alt: feature.properties.title });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popupFor(feature.properties));
            markers[feature.properties.id] = markers[feature.properties.id] || marker;
          },
        });
        clusters.addLayer(layer);
        if (collection.features.length) {
          map.fitBounds(clusters.getBounds(), { padding: [20, 20], maxZoom: 10 });
        }
        element.dataset.loaded = String(collection.features.length);
      });
    document.querySelectorAll("[data-show-on-map]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var marker = markers[button.dataset.showOnMap];
        if (!marker) { return; }
        element.scrollIntoView({ behavior: "smooth", block: "center" });
        clusters.zoomToShowLayer(marker, function () { marker.openPopup(); });
      });
    });
  }

  function nearMe(form) {
    var button = form.querySelector("[data-locate]");
    var status = form.querySelector("[data-locate-status]");
    if (!button || !navigator.geolocation) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.finding || "…";
      navigator.geolocation.getCurrentPosition(function (position) {
        form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(4);
        form.querySelector("[name=lng]").value = position.coords.longitude.toFixed(4);
        form.querySelector("[name=near]").value = "";
        form.submit();
      }, function () {
        status.textContent = button.dataset.failed || "";
      }, { timeout: 10000 });
    });
    // A typed place replaces a browser position.
    form.querySelector("[name=near]").addEventListener("input", function () {
      form.querySelector("[name=lat]").value = "";
      form.querySelector("[name=lng]").value = "";
    });
  }

  function positionPicker(wrapper) {
    var element = wrapper.querySelector("#position-map");
    var map = baseMap(element);
    var fields = {
      first: [document.getElementById("id_latitude"), document.getElementById("id_longitude")],
      second: [document.getElementById("id_second_latitude"), document.getElementById("id_second_longitude")],
    };
    var markers = {};
    var mode = wrapper.querySelector("[data-picker-mode]");
    mode.hidden = false;

    function target() {
      var checked = mode.querySelector("input:checked");
      return checked ? checked.value : "first";
    }

    function write(which, position) {
      fields[which][0].value = position.lat.toFixed(5);
      fields[which][1].value = L.Util.wrapNum(position.lng, [-180, 180], true).toFixed(5);
    }

    function place(which, position) {
      if (markers[which]) {
        markers[which].setLatLng(position);
        return;
      }
      markers[which] = L.marker(position, {
        draggable: true,
        title: which === "first" ? element.dataset.firstLabel || "1" : element.dataset.secondLabel || "2",
        keyboard: true,
      }).addTo(map);
      markers[which].on("dragend", function () { write(which, markers[which].getLatLng()); });
    }

    function fromFields(which) {
      var lat = parseFloat(fields[which][0].value);
      var lng = parseFloat(fields[which][1].value);
      if (isFinite(lat) && isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
        place(which, [lat, lng]);
        return L.latLng(lat, lng);
      }
      return null;
    }

    ["first", "second"].forEach(function (which) {
      fields[which].forEach(function (input) {
        input.addEventListener("change", function () {
          var position = fromFields(which);
          if (position) { map.panTo(position); }
        });
      });
    });
    var start = fromFields("first");
    fromFields("second");
    if (start) { map.setView(start, 9); }

    map.on("click", function (event) {
      var which = target();
      place(which, event.latlng);
      write(which, event.latlng);
      fields[which][0].dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  function eventPageMap(element) {
    var positions = readJson("event-positions") || [];
    var map = baseMap(element, { dragging: true });
    positions.forEach(function (position) { L.marker(position, { keyboard: false }).addTo(map); });
    if (positions.length > 1) {
      map.fitBounds(positions, { padding: [40, 40], maxZoom: 11 });
    } else if (positions.length) {
      map.setView(positions[0], 10);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof L === "undefined") { return; }
    var finder = document.getElementById("event-map");
    if (finder) { eventFinder(finder); }
    var filters = document.querySelector("[data-near-me]");
    if (filters) { nearMe(filters); }
    var picker = document.querySelector("[data-position-picker]");
    if (picker) { positionPicker(picker); }
    var detail = document.getElementById("event-detail-map");
    if (detail) { eventPageMap(detail); }
  });
})();
