/* Cooperation Day maps: the event finder, the position picker of the registration form and
   the map on an event's page; and the hub's map of a project's partners. Leaflet and its marker clustering are served by the portal; the
   background is the bundled country outlines, with tiles on top when a tile server is set.
   Without tiles the maps stop at a regional zoom and name the larger places themselves. */
(function () {
  "use strict";

  var EUROPE = [50, 10];
  var PICKED_PLACE_ZOOM = 11;
  var LABEL_GAP = 6; // pixels kept free around a place name
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var language = document.documentElement.lang || "en";

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function mapSettings() {
    return readJson("map-settings") || {};
  }

  // A count in words, from the plural table the page gives (see page_views.plural_table).
  function countText(table, count) {
    if (!table) { return String(count); }
    var index = count < table.index.length ? count : 100 + (count % 100);
    return table.texts[table.index[index]].replace("%(count)s", count.toLocaleString(language));
  }

  function placeLabels(map, url) {
    var pane = map.createPane("place-labels");
    pane.setAttribute("aria-hidden", "true");
    pane.style.zIndex = 450; // over the outlines, under the markers and popups
    var layer = L.layerGroup().addTo(map);
    var labels = [];

    function overlaps(box, taken) {
      return taken.some(function (other) {
        return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
      });
    }

    // Largest places first: a smaller place whose name would touch a larger one's is left out.
    function draw() {
      layer.clearLayers();
      var zoom = map.getZoom();
      var bounds = map.getBounds().pad(0.2);
      var taken = [];
      labels.forEach(function (label) {
        if (label[3] > zoom || !bounds.contains([label[1], label[2]])) { return; }
        var point = map.latLngToContainerPoint([label[1], label[2]]);
        var halfWidth = label[0].length * 3.6 + LABEL_GAP;
        var box = { left: point.x - halfWidth, right: point.x + halfWidth, top: point.y - 8 - LABEL_GAP, bottom: point.y + 8 + LABEL_GAP };
        if (overlaps(box, taken)) { return; }
        taken.push(box);
        var text = document.createElement("span");
        text.textContent = label[0];
        L.marker([label[1], label[2]], {
          icon: L.divIcon({ className: "map-label", html: text, iconSize: null }),
          interactive: false, keyboard: false, pane: "place-labels",
        }).addTo(layer);
      });
    }

    fetch(url)
      .then(function (response) { return response.json(); })
      .then(function (rows) {
        labels = rows;
        draw();
        map.on("moveend", draw); // after every pan and zoom
      });
  }

  function baseMap(element, options) {
    var settings = mapSettings();
    if (settings.markerIcons) {
      // Leaflet guesses where its marker images are from its stylesheet's address, which the
      // content hash in each file's name defeats: the page names them.
      L.Icon.Default.imagePath = "";
      L.Icon.Default.mergeOptions(settings.markerIcons);
    }
    var map = L.map(element, Object.assign({
      scrollWheelZoom: false, worldCopyJump: true, minZoom: 2, maxZoom: settings.maxZoom || 18,
      zoomAnimation: !reduceMotion, fadeAnimation: !reduceMotion, markerZoomAnimation: !reduceMotion,
    }, options));
    map.setView(EUROPE, 4);
    map.attributionControl.setPrefix("");
    if (settings.labelsUrl) { placeLabels(map, settings.labelsUrl); }
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
      L.tileLayer(settings.tileUrl, { attribution: settings.tileAttribution || "", maxZoom: map.getMaxZoom() }).addTo(map);
    }
    return map;
  }

  function popupFor(properties) {
    // Built from text nodes: titles and places are what organisers typed.
    var box = document.createElement("div");
    var heading = document.createElement("p");
    heading.className = "map-popup__title";
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title;
    if (properties.language) { link.lang = properties.language; }
    heading.appendChild(link);
    // The date comes written in the page's language, as in the list.
    var when = document.createElement("p");
    when.textContent = properties.when;
    var where = document.createElement("p");
    where.textContent = properties.place;
    if (properties.language) { where.lang = properties.language; }
    box.append(heading, when, where);
    return box;
  }

  // Cluster markers are buttons named by what they hold and what activating them does; Enter
  // and Space do what a click does (zoom in, or spread the markers at the last zoom).
  var ClusterIcon = L.DivIcon.extend({
    createIcon: function (oldIcon) {
      var icon = L.DivIcon.prototype.createIcon.call(this, oldIcon);
      var cluster = this.options.cluster;
      var map = this.options.map;
      icon.setAttribute("aria-label", this.options.label);
      icon.title = this.options.label;
      L.DomEvent.on(icon, "keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") { return; }
        L.DomEvent.stop(event);
        cluster.fire("click", { originalEvent: event }, true);
        // The cluster's marker leaves the map as it opens: keep the focus in the map.
        map.getContainer().focus({ preventScroll: true });
      });
      return icon;
    },
  });

  // A count's bubble, on the browser's clusters and the server's groups alike: its digits are
  // hidden from screen readers, which read the marker's label instead.
  function countBubble(count) {
    var number = document.createElement("div");
    var digits = document.createElement("span");
    digits.setAttribute("aria-hidden", "true");
    digits.textContent = count.toLocaleString(language);
    number.appendChild(digits);
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    return { html: number, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) };
  }

  function countLabel(map, count) {
    var settings = mapSettings();
    var atMaxZoom = map.getZoom() >= map.getMaxZoom();
    return countText(atMaxZoom ? settings.clusterSpread : settings.clusterZoomIn, count);
  }

  function clusterGroup(map, still) {
    var clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      animate: !reduceMotion && !still,
      iconCreateFunction: function (cluster) {
        var count = cluster.getChildCount();
        return new ClusterIcon(Object.assign(countBubble(count), {
          label: countLabel(map, count), cluster: cluster, map: map,
        }));
      },
    });
    return clusters;
  }

  // A group of events the server sent (beyond a number, the feed groups them by place): a
  // marker like the browser's own clusters, named by what it holds; activating it shows the
  // group's extent, and the map then asks for that view. At the last zoom it asks for the
  // group's events themselves (`spread`), which the browser then spreads around their place.
  function groupMarker(map, feature, spread) {
    var atMaxZoom = map.getZoom() >= map.getMaxZoom();
    var label = countLabel(map, feature.properties.count);
    var coordinates = feature.geometry.coordinates;
    var marker = L.marker([coordinates[1], coordinates[0]], {
      icon: L.divIcon(countBubble(feature.properties.count)), title: label, alt: label, keyboard: true,
    });
    marker.on("add", function () {
      var icon = marker.getElement();
      icon.setAttribute("role", "button");
      icon.setAttribute("aria-label", label);
      // Enter and Space do what a click does, as on the browser's own clusters.
      L.DomEvent.on(icon, "keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") { return; }
        L.DomEvent.stop(event);
        marker.fire("click", { originalEvent: event }, true);
      });
    });
    marker.on("click", function () {
      var extent = feature.properties.extent; // west, south, east, north
      if (atMaxZoom) { spread(marker, extent); return; }
      var bounds = L.latLngBounds([extent[1], extent[0]], [extent[3], extent[2]]);
      var zoom = Math.min(Math.max(map.getBoundsZoom(bounds), map.getZoom() + 1), map.getMaxZoom());
      map.setView(bounds.getCenter(), zoom, { animate: !reduceMotion });
      map.getContainer().focus({ preventScroll: true });
    });
    return marker;
  }

  function eventFinder(element) {
    var map = baseMap(element);
    var clusters = clusterGroup(map);
    var groups = L.layerGroup().addTo(map);
    var markers = {};
    var byView = false; // the feed groups the events: ask again for every view
    var asked = 0;
    var wanted = null; // an event to open once the view that shows it has arrived
    map.addLayer(clusters);

    function show(collection) {
      clusters.clearLayers();
      groups.clearLayers();
      markers = {};
      var events = { type: "FeatureCollection", features: [] };
      collection.features.forEach(function (feature) {
        if (feature.properties.group) {
          groups.addLayer(groupMarker(map, feature, spread));
        } else {
          events.features.push(feature);
        }
      });
      clusters.addLayer(eventMarkers(events));
      element.dataset.loaded = String(collection.total !== undefined ? collection.total : collection.features.length);
      element.dataset.zoom = String(map.getZoom());
      if (wanted && markers[wanted]) {
        var marker = markers[wanted];
        wanted = null;
        // Once the clusters have placed the new markers, after this turn.
        window.setTimeout(function () { reveal(marker); }, 0);
      }
    }

    // Open an event's pop-up at the last zoom, spreading the markers that share its place
    // first; zooming would ask for a new view, which replaces the markers.
    function reveal(marker) {
      var parent = clusters.getVisibleParent(marker);
      if (parent && parent !== marker && parent.spiderfy) {
        clusters.once("spiderfied", function () { marker.openPopup(); });
        parent.spiderfy();
      } else {
        marker.openPopup();
      }
    }

    function eventMarkers(collection) {
      return L.geoJSON(collection, {
        pointToLayer: function (feature, position) {
          return L.marker(position, { title: feature.properties.title, alt: feature.properties.title });
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup(popupFor(feature.properties));
          markers[feature.properties.id] = markers[feature.properties.id] || marker;
        },
      });
    }

    // A group at the last zoom: its events, spread around their place as the browser's own
    // clusters are. The group's extent, a point when they share one, widened by a hair.
    function spread(group, extent) {
      var hair = 0.00001;
      var box = [extent[0] - hair, extent[1] - hair, extent[2] + hair, extent[3] + hair];
      var url = element.dataset.geojson;
      url += (url.indexOf("?") < 0 ? "?" : "&") + "zoom=" + map.getMaxZoom() + "&bbox=" +
        box.map(function (edge) { return edge.toFixed(5); }).join(",");
      fetch(url)
        .then(function (response) { return response.json(); })
        .then(function (collection) {
          if (collection.grouped) { return; } // more than a map takes at one place: the list has them
          groups.removeLayer(group);
          var layer = eventMarkers(collection);
          clusters.addLayer(layer);
          var parent = layer.getLayers()[0] && clusters.getVisibleParent(layer.getLayers()[0]);
          if (parent && parent.spiderfy) { parent.spiderfy(); }
        });
    }

    function load(view) {
      var number = ++asked;
      var url = element.dataset.geojson;
      if (view) { url += (url.indexOf("?") < 0 ? "?" : "&") + view; }
      return fetch(url)
        .then(function (response) { return response.json(); })
        .then(function (collection) {
          if (number === asked) { show(collection); } // an older answer never replaces a newer
          return collection;
        });
    }

    // The view asked for, its edges moved out to the feed's grid so that nearby views share
    // the server's kept answers.
    function currentView() {
      var zoom = map.getZoom();
      var square = 360 / Math.pow(2, zoom) / 4;
      var bounds = map.getBounds();
      var edges = [
        Math.floor(bounds.getWest() / square) * square, Math.floor(bounds.getSouth() / square) * square,
        Math.ceil(bounds.getEast() / square) * square, Math.ceil(bounds.getNorth() / square) * square,
      ];
      return "zoom=" + zoom + "&bbox=" + edges.map(function (edge) { return edge.toFixed(5); }).join(",");
    }

    load("").then(function (collection) {
      byView = Boolean(collection.grouped);
      if (byView) {
        // Markers replaced with each view's answer are never animated: an animation still
        // running would reach markers already gone.
        map.removeLayer(clusters);
        clusters = clusterGroup(map, true);
        map.addLayer(clusters);
        show(collection);
      }
      var extent = collection.bbox;
      if (extent) {
        // The first view is placed, not flown to: the map is settled once it says it is loaded.
        var bounds = byView
          ? L.latLngBounds([extent[1], extent[0]], [extent[3], extent[2]])
          : clusters.getBounds();
        map.fitBounds(bounds, { padding: [20, 20], maxZoom: 10, animate: false });
      }
      if (byView) {
        // While a pop-up is open the view is kept: its own panning would replace its marker.
        var reading = false;
        map.on("popupopen", function () { reading = true; });
        map.on("popupclose", function () { reading = false; });
        map.on("moveend", function () { if (!reading) { load(currentView()); } });
        load(currentView());
      }
    });
    document.querySelectorAll("[data-show-on-map]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        element.scrollIntoView({ behavior: reduceMotion ? "auto" : "smooth", block: "center" });
        if (byView) {
          // Go where it is, at the last zoom, and open it once that view's answer arrives.
          wanted = button.dataset.showOnMap;
          map.closePopup();
          map.setView([Number(button.dataset.latitude), Number(button.dataset.longitude)], map.getMaxZoom(), { animate: false });
          return;
        }
        var marker = markers[button.dataset.showOnMap];
        if (marker) { clusters.zoomToShowLayer(marker, function () { marker.openPopup(); }); }
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

  function fold(text) {
    // Case and accents do not matter: "zurich" finds Zürich (as places.py folds them).
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // A combobox over the bundled gazetteer: type a town, choose it with the arrow keys and
  // Enter (or a click); `choose` sets the position and the result is read out.
  function placeSearch(box, choose) {
    var MAX_OPTIONS = 8;
    var input = box.querySelector("[role=combobox]");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector("[data-place-search-status]");
    var regions = window.Intl && Intl.DisplayNames ? new Intl.DisplayNames([language], { type: "region" }) : null;
    var places = null;
    var loading = null;
    var matches = [];
    var active = -1;
    var quietTimer = null;
    box.hidden = false;

    function load() {
      if (!loading) {
        loading = fetch(box.dataset.places)
          .then(function (response) { return response.json(); })
          .then(function (rows) {
            places = rows.map(function (row) {
              return {
                name: row[0], country: row[1], latitude: row[2], longitude: row[3],
                keys: [row[0]].concat(row[4] || []).map(fold),
              };
            });
          });
      }
      return loading;
    }

    function countryName(code) {
      try { return regions ? regions.of(code) : code; } catch (error) { return code; }
    }

    function labelOf(found) {
      return found.name + ", " + countryName(found.country);
    }

    function search(text) {
      var query = fold(text);
      if (query.length < 2 || !places) { return []; }
      var exact = [];
      var starting = [];
      var inside = [];
      places.forEach(function (found) {
        if (found.keys.indexOf(query) !== -1) { exact.push(found); return; }
        if (found.keys.some(function (key) { return key.indexOf(query) === 0; })) { starting.push(found); return; }
        if (found.keys[0].indexOf(" " + query) !== -1 || found.keys[0].indexOf("(" + query) !== -1) { inside.push(found); }
      });
      return exact.concat(starting, inside).slice(0, MAX_OPTIONS);
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render() {
      list.textContent = "";
      matches.forEach(function (found, index) {
        var option = document.createElement("li");
        option.id = input.id + "-option-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = labelOf(found);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { pick(found); });
        list.appendChild(option);
      });
      list.hidden = matches.length === 0;
      input.setAttribute("aria-expanded", matches.length ? "true" : "false");
      active = -1;
    }

    function say(text) {
      window.clearTimeout(quietTimer);
      status.textContent = text;
    }

    function pick(found) {
      close();
      input.value = labelOf(found);
      var written = choose(found);
      say(status.dataset.placed
        .replace("{place}", labelOf(found))
        .replace("{latitude}", written.latitude)
        .replace("{longitude}", written.longitude));
    }

    function update() {
      matches = search(input.value);
      render();
      window.clearTimeout(quietTimer);
      status.textContent = "";
      if (!matches.length && fold(input.value).length >= 2) {
        // Said once typing pauses, not at every key.
        quietTimer = window.setTimeout(function () { status.textContent = status.dataset.noMatch; }, 700);
      }
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load().then(update); });
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { load().then(update); return; }
        var count = matches.length;
        highlight(event.key === "ArrowDown" ? (active + 1) % count : (active <= 0 ? count - 1 : active - 1));
      } else if (event.key === "Enter") {
        // The search never submits the event form.
        event.preventDefault();
        load().then(function () {
          if (list.hidden) { matches = search(input.value); }
          if (matches.length) { pick(matches[active >= 0 ? active : 0]); } else if (input.value.trim()) { say(status.dataset.noMatch); }
        });
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
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
          if (position) { map.panTo(position, { animate: !reduceMotion }); }
        });
      });
    });
    var start = fromFields("first");
    fromFields("second");
    if (start) { map.setView(start, Math.min(9, map.getMaxZoom())); }

    var search = wrapper.querySelector("[data-place-search]");
    if (search) {
      placeSearch(search, function (found) {
        var which = target();
        var position = L.latLng(found.latitude, found.longitude);
        place(which, position);
        write(which, position);
        fields[which][0].dispatchEvent(new Event("input", { bubbles: true }));
        map.setView(position, Math.min(PICKED_PLACE_ZOOM, map.getMaxZoom()), { animate: !reduceMotion });
        return { latitude: fields[which][0].value, longitude: fields[which][1].value };
      });
    }

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
      map.fitBounds(positions, { padding: [40, 40], maxZoom: 11, animate: false });
    } else if (positions.length) {
      map.setView(positions[0], Math.min(10, map.getMaxZoom()));
    }
  }

  // A project's partners: one marker each, reached with Tab and opened with Enter, naming the
  // organisation and its town. The partners' table beside it is the list to read instead.
  function partnerPopup(partner) {
    // Text nodes: organisation names come from keep.eu's export.
    var box = document.createElement("div");
    var name = document.createElement("p");
    name.className = "map-popup__title";
    name.textContent = partner.title;
    var where = document.createElement("p");
    where.textContent = partner.place;
    box.append(name, where);
    return box;
  }

  function partnerMap(element) {
    var partners = readJson("partner-positions") || [];
    var map = baseMap(element, { dragging: true });
    var positions = partners.map(function (partner) {
      var position = [partner.latitude, partner.longitude];
      L.marker(position, { title: partner.title, alt: partner.title, keyboard: true })
        .bindPopup(partnerPopup(partner))
        .addTo(map);
      return position;
    });
    if (positions.length > 1) {
      map.fitBounds(positions, { padding: [40, 40], maxZoom: 9, animate: false });
    } else if (positions.length) {
      map.setView(positions[0], Math.min(9, map.getMaxZoom()));
    }
    element.dataset.loaded = String(positions.length);
  }

  // Interreg near me: the place field suggests towns from the gazetteer and a chosen one is
  // shown at once; "Use my location" sends the browser's position, rounded to about a
  // kilometre. The map draws the place's region, the place and what the lists show.
  function nearMePage(form) {
    var input = form.querySelector("[name=place]");
    var box = form.querySelector("[data-place-search]");
    var latitude = form.querySelector("[name=lat]");
    var longitude = form.querySelector("[name=lon]");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", box.querySelector("[role=listbox]").id);
    box.dataset.places = form.dataset.places;
    placeSearch(box, function (found) {
      input.value = found.name + ", " + found.country;
      latitude.value = longitude.value = "";
      form.requestSubmit();
      return { latitude: found.latitude, longitude: found.longitude };
    });
    input.addEventListener("input", function () { latitude.value = longitude.value = ""; });
    var button = form.querySelector("[data-locate]");
    var status = form.querySelector("[data-locate-status]");
    if (!navigator.geolocation) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.finding;
      navigator.geolocation.getCurrentPosition(function (position) {
        latitude.value = position.coords.latitude.toFixed(2);
        longitude.value = position.coords.longitude.toFixed(2);
        input.value = "";
        form.submit();
      }, function () {
        status.textContent = button.dataset.failed;
      }, { timeout: 10000 });
    });
  }

  function nearMeMap(element) {
    var data = readJson("near-me-map-data");
    var map = baseMap(element, { dragging: true });
    map.attributionControl.addAttribution(data.attribution);
    var bounds = L.latLngBounds([data.place, data.place]);
    if (data.region) {
      var region = L.geoJSON(data.region, {
        interactive: false, style: { color: "#003399", weight: 2, fillColor: "#003399", fillOpacity: 0.08 },
      }).addTo(map);
      bounds.extend(region.getBounds());
    }
    L.marker(data.place, { title: data.placeLabel, alt: data.placeLabel, keyboard: false }).addTo(map);
    data.markers.forEach(function (marker) {
      // Text nodes: partners' and events' names are what people typed.
      var link = document.createElement("a");
      link.href = marker.url;
      link.textContent = marker.label;
      L.circleMarker([marker.lat, marker.lon], {
        radius: 7, weight: 2, color: marker.kind === "event" ? "#b3261e" : "#0b6e4f", fillOpacity: 0.7,
      }).bindPopup(link).addTo(map);
      bounds.extend([marker.lat, marker.lon]);
    });
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 10, animate: false });
    element.dataset.loaded = String(data.markers.length);
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
    var partners = document.getElementById("partner-map");
    if (partners) { partnerMap(partners); }
    var nearMeForm = document.querySelector("[data-near-me-page]");
    if (nearMeForm) { nearMePage(nearMeForm); }
    var nearMap = document.getElementById("near-me-map");
    if (nearMap) { nearMeMap(nearMap); }
  });
})();
