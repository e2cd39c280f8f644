/* frontline map runtime: time slider, event markers, reported control, inferred front.
 *
 * Dates are ISO strings ("2022-05-15") and integer day numbers computed in Python;
 * this code never builds a Date object, so a calendar day reads the same in every
 * time zone. Untrusted text (quotes, sources, names) is inserted with textContent only.
 */
(function (global) {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  function dateText(iso, short) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) { return iso || ""; }
    var month = MONTHS[+m[2] - 1];
    return (+m[3]) + " " + (short ? month.slice(0, 3) : month) + " " + m[1];
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function isWebUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s"'<>`\\]+$/i.test(url);
  }

  var CanvasLayer = global.frontlineCanvas.CanvasLayer;
  var EventCanvas = global.frontlineCanvas.EventCanvas;

  /* Shaded places of reported control: one soft disc per place, coloured by side
   * (of `opts.dot` pixels in dot mode, see setDots). */
  var PlaceCanvas = CanvasLayer.extend({
    initialize: function (D, opts) {
      this._D = D;
      this._opts = opts;
      this._cls = "fl-control-canvas";
      this._side = [];
      this._dots = false;
    },
    setDots: function (on) {
      on = !!on;
      if (on === this._dots) { return; }
      this._dots = on;
      if (this._canvas && !this._dirty) { this._repaint(); }
    },
    _radius: function () { return this._dots ? this._opts.dot : this._opts.radius; },
    _latlngs: function () { return this._D.places; },
    setSides: function (side, changed) {
      this._side = side;
      if (!this._canvas || this._dirty) { return; }
      if (!changed || changed.length > 64) { this._repaint(); return; }
      /* Few changes: clear and redraw only the discs around the changed places. */
      var c = this._canvas, ctx = c.getContext("2d"), dpr = this._dpr;
      var xy = this._points(), o = this._origin(), R = this._radius() + 2;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      for (var k = 0; k < changed.length; k++) {
        var i = changed[k];
        var x = (xy[2 * i] - o.x - R) * dpr, y = (xy[2 * i + 1] - o.y - R) * dpr;
        var w = 2 * R * dpr;
        ctx.save();
        ctx.beginPath();
        ctx.rect(Math.floor(x), Math.floor(y), Math.ceil(w) + 1, Math.ceil(w) + 1);
        ctx.clip();
        ctx.clearRect(Math.floor(x), Math.floor(y), Math.ceil(w) + 1, Math.ceil(w) + 1);
        this._repaint(xy[2 * i], xy[2 * i + 1], 2 * R);
        ctx.restore();
      }
    },
    _repaint: function (cx, cy, reach) {
      var c = this._canvas, ctx = c.getContext("2d"), dpr = this._dpr, sides = this._D.sides;
      var partial = cx !== undefined;
      if (!partial) {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, c.width, c.height);
      }
      var xy = this._points(), o = this._origin(), R = this._radius();
      var size = Math.ceil(2 * R + 3);
      for (var i = 0; i < this._side.length; i++) {
        var sd = this._side[i];
        if (sd === -1) { continue; }
        if (partial && (Math.abs(xy[2 * i] - cx) > reach || Math.abs(xy[2 * i + 1] - cy) > reach)) {
          continue;
        }
        /* A contested place (-2): grey, its ring dashed. */
        var col = sd === -2 ? this._D.contested : sides[sd];
        var spr = this._sprite("p" + sd + "|" + R, size, function (g, half) {
          g.beginPath();
          g.arc(half, half, R, 0, 2 * Math.PI);
          g.globalAlpha = 0.5;
          g.fillStyle = col.fill;
          g.fill();
          g.globalAlpha = 0.7;
          g.lineWidth = 1;
          if (sd === -2) { g.setLineDash([2, 1.5]); }
          g.strokeStyle = col.color;
          g.stroke();
        });
        var x = (xy[2 * i] - o.x) * dpr, y = (xy[2 * i + 1] - o.y) * dpr;
        if (x < -size * dpr || y < -size * dpr || x > c.width + size * dpr ||
            y > c.height + size * dpr) { continue; }
        ctx.drawImage(spr.canvas, Math.round(x - spr.half), Math.round(y - spr.half));
      }
    }
  });

  function lowerBound(arr, value, key) {
    var lo = 0, hi = arr.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (key(arr[mid]) < value) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  function frontline(map, D, layers) {
    var dates = D.dates, days = D.days, nDates = dates.length;
    var evs = D.ev, pops = D.pop, sides = D.sides;

    var pane = function (name, z) {
      var p = map.createPane(name);
      p.style.zIndex = String(z);
      return p;
    };
    pane("fl-areas", 405);
    pane("fl-control", 410);
    pane("fl-front", 420);
    pane("fl-selected", 440);
    pane("fl-events", 450);

    var popup = L.popup({ maxWidth: 320, minWidth: 200, autoPanPadding: [20, 60] });

    function buildPopup(i) {
      var p = pops[i], e = evs[i], box = el("div", "fl-popup");
      box.setAttribute("data-event-index", String(i));
      var head = el("div", "fl-p-head");
      head.appendChild(el("strong", "fl-p-action", D.actionLabels[e[3]]));
      head.appendChild(el("span", "fl-p-date", p[0]));
      box.appendChild(head);
      if (p[3]) { box.appendChild(el("div", "fl-p-place", p[3])); }
      if (p[2]) { box.appendChild(el("div", "fl-p-actors", p[2])); }
      if (p[4]) { box.appendChild(el("blockquote", "fl-p-quote", p[4])); }
      var src = el("div", "fl-p-source");
      src.appendChild(el("span", "fl-p-k", "Source: "));
      if (isWebUrl(p[6])) {
        var a = el("a", "fl-p-link", p[5] || p[6]);
        a.href = p[6];
        a.target = "_blank";
        a.rel = "noopener noreferrer nofollow";
        src.appendChild(a);
      } else {
        src.appendChild(el("span", "fl-p-src", p[5] || "unknown"));
        if (p[7]) { src.appendChild(el("span", "fl-p-url", " (" + p[7] + ")")); }
      }
      box.appendChild(src);
      if (p[10] && p[10].length) {
        var also = el("div", "fl-p-also");
        also.appendChild(el("span", "fl-p-k", "Also: "));
        for (var k = 0; k < p[10].length; k++) {
          if (k) { also.appendChild(document.createTextNode("; ")); }
          if (isWebUrl(p[10][k][1])) {
            var b = el("a", "fl-p-link", p[10][k][0]);
            b.href = p[10][k][1];
            b.target = "_blank";
            b.rel = "noopener noreferrer nofollow";
            also.appendChild(b);
          } else {
            also.appendChild(el("span", null, p[10][k][0]));
          }
        }
        box.appendChild(also);
      }
      var meta = [];
      if (p[8]) { meta.push(p[8]); }
      meta.push(p[9] === 1 ? "1 source" : p[9] + " sources");
      box.appendChild(el("div", "fl-p-meta", meta.join(" · ")));
      return box;
    }

    var dated = [], undatedIdx = [];
    for (var j = 0; j < evs.length; j++) { (evs[j][0] < 0 ? undatedIdx : dated).push(j); }
    var datedLayer = new EventCanvas(D, dated, { pane: "fl-events", radius: 6.5, dot: 3 });
    var undatedLayer = new EventCanvas(D, undatedIdx, { pane: "fl-events", radius: 6.5,
      dot: 3, undated: true });
    datedLayer.setRange(0, 0);
    layers.events.addLayer(datedLayer);
    layers.undated.addLayer(undatedLayer);

    /* The selected report's region, outlined only while its popup is open: a region
     * is where a report is about, never an area a side holds. */
    var outline = null;
    function clearOutline() {
      if (outline) { map.removeLayer(outline); outline = null; }
    }
    function showOutline(i) {
      clearOutline();
      var g = evs[i][5];
      if (!g || g[0] !== "A") { return; }
      outline = L.polygon(D.outlines[g[1]], {
        pane: "fl-selected", color: sides[evs[i][4]].color, weight: 2, opacity: 0.9,
        dashArray: "6 4", fillColor: "#3d3d3d", fillOpacity: 0.05, interactive: false,
        className: "fl-outline"
      }).addTo(map);
    }
    popup.on("remove", clearOutline);

    /* One report's popup, with the other reports at the same spot listed below it
     * (most recent first); picking one shows it in the same popup. */
    var MAX_LIST = 12;
    function showReports(list, chosen, at) {
      var i = list[chosen], box = buildPopup(i);
      if (list.length > 1) {
        var more = el("div", "fl-p-more");
        var n = list.length - 1;
        more.appendChild(el("div", "fl-p-k", n + (n === 1 ? " other report" : " other reports") +
          " here:"));
        var ul = el("ul", "fl-p-list");
        var shown = 0;
        for (var k = 0; k < list.length && shown < MAX_LIST; k++) {
          if (k === chosen) { continue; }
          shown++;
          var j = list[k], place = (pops[j][3] || "").split(",")[0];
          var b = el("button", "fl-p-item", pops[j][0] + " · " + D.actionLabels[evs[j][3]] +
            (place ? " · " + place : ""));
          b.type = "button";
          b.setAttribute("data-event-index", String(j));
          b.addEventListener("click", (function (pick) {
            return function () { showReports(list, pick, at); };
          })(k));
          var li = el("li");
          li.appendChild(b);
          ul.appendChild(li);
        }
        more.appendChild(ul);
        if (n > shown) {
          more.appendChild(el("div", "fl-p-meta", "and " + (n - shown) +
            " more: zoom in or move the slider"));
        }
        box.appendChild(more);
      }
      popup.setLatLng(at).setContent(box).openOn(map);
      showOutline(i);
    }

    /* The report or group under a container point; reports drawn as dots are reached
     * within a few pixels of their dot, or (`full`, a click or a tap) as far as their
     * full-size marker. */
    function hitTest(cp, full) {
      var pairs = [[datedLayer, layers.events], [undatedLayer, layers.undated]];
      for (var k = 0; k < pairs.length; k++) {
        if (!map.hasLayer(pairs[k][1])) { continue; }
        var layer = pairs[k][0], cl = layer.cluster(cp, 4, full);
        if (cl) { return { cluster: cl, layer: layer }; }
        var list = layer.hits(cp, 4, full);
        if (list.length) { return { list: list, layer: layer }; }
      }
      return null;
    }
    /* A group: zoom in to its reports; when they share one spot, list them. */
    function openCluster(cl, layer) {
      var bounds = L.latLngBounds([]), z = D.cluster.below;
      for (var k = 0; k < cl.members.length; k++) { bounds.extend(layer.anchor(cl.members[k])); }
      var spread = map.project(bounds.getNorthEast(), z).subtract(
        map.project(bounds.getSouthWest(), z));
      if (Math.abs(spread.x) + Math.abs(spread.y) > 4) {
        map.fitBounds(bounds, { maxZoom: z, padding: [48, 48] });
        return;
      }
      showReports(cl.members.slice().reverse(), 0, layer.anchor(cl.members[0]));
    }
    /* The report or group drawn at full size over the dots while the pointer is on it. */
    var hovered = null;
    function onHovered(cp) { return hovered !== null && hovered.layer.over(hovered, cp); }
    function hover(h) {
      if (hovered && (!h || h.layer !== hovered.layer)) { hovered.layer.highlight(null); }
      hovered = h;
      if (h) { h.layer.highlight(h); }
    }
    map.on("click", function (ev) {
      var h = onHovered(ev.containerPoint) ? hovered : hitTest(ev.containerPoint, true);
      if (!h) { return; }
      hover(null);
      if (h.cluster) { openCluster(h.cluster, h.layer); return; }
      showReports(h.list, 0, h.layer.anchor(h.list[0]));
    });
    map.on("mousemove", function (ev) {
      var cp = ev.containerPoint, h = onHovered(cp) ? hovered : hitTest(cp);
      hover(h);
      map.getContainer().style.cursor = h ? "pointer" : "";
    });
    map.on("mouseout", function () { hover(null); });

    /* Visible dated events at slider index s: events[lo(s), hi(s)). */
    function hiFor(s) {
      return lowerBound(evs, s + 1, function (e) {
        return e[0] < 0 ? Infinity : e[0];
      });
    }
    function loFor(s) {
      if (D.window === null || s < 0) { return 0; }
      var first = days[s] - D.window;
      return lowerBound(evs, first + 1, function (e) {
        return e[0] < 0 ? Infinity : days[e[0]];
      });
    }
    /* The slider day's own reports start at fresh(s). */
    function freshFor(s) {
      return lowerBound(evs, s, function (e) { return e[0] < 0 ? Infinity : e[0]; });
    }
    function setRange(lo, hi, fresh) { datedLayer.setRange(lo, hi, fresh); }

    /* Reported control: per place, the side of its last control report up to s. */
    var places = D.places, changes = D.changes, placeChanges = [], placeSide = [];
    for (var q = 0; q < places.length; q++) { placeChanges.push([]); placeSide.push(-1); }
    for (var c = 0; c < changes.length; c++) {
      placeChanges[changes[c][1]].push(changes[c]);
    }
    var placeLayer = new PlaceCanvas(D, { pane: "fl-control", radius: 10, dot: 4 });
    layers.control.addLayer(placeLayer);
    var ctlIdx = -1;
    function setControl(s) {
      var a = lowerBound(changes, Math.min(ctlIdx, s) + 1, function (x) { return x[0]; });
      var b = lowerBound(changes, Math.max(ctlIdx, s) + 1, function (x) { return x[0]; });
      var changed = [];
      for (var k = a; k < b; k++) {
        var pi = changes[k][1], list = placeChanges[pi], side = -1;
        for (var m = list.length - 1; m >= 0; m--) {
          if (list[m][0] <= s) { side = list[m][2]; break; }
        }
        if (side !== placeSide[pi]) { placeSide[pi] = side; changed.push(pi); }
      }
      ctlIdx = s;
      if (changed.length) { placeLayer.setSides(placeSide, changed); }
    }

    /* Inferred areas: each side's ground from the last drawn day <= s, as light fills
     * under everything else. Polygons come as whole-number steps in thousandths of a
     * degree, with stretches copied from earlier polygons' rings as [polygon, ring,
     * start, count] (see maps/render.py _RingCoder); each is decoded once, each side's
     * day built once. */
    var areaDays = D.areas || [], areaPolygons = D.areaPolygons || [], areaShown = -2;
    var decoded = [], areaLayers = {};
    function ringDecoder(coded) {
      var corners = [];
      function cornersAt(k) {
        if (!corners[k]) {
          corners[k] = coded[k].map(function (ring) {
            var out = [], lat = 0, lng = 0;
            for (var i = 0; i < ring.length; i++) {
              var x = ring[i];
              if (typeof x === "object") {
                var ref = cornersAt(x[0])[x[1]];
                for (var j = 0; j < x[3]; j++) {
                  out.push(ref[(x[2] + j) % ref.length]);
                }
                lat = out[out.length - 1][0];
                lng = out[out.length - 1][1];
              } else {
                lat += x;
                lng += ring[++i];
                out.push([lat, lng]);
              }
            }
            return out;
          });
        }
        return corners[k];
      }
      return cornersAt;
    }
    var areaCorners = ringDecoder(areaPolygons);
    function polygonAt(k) {
      if (!decoded[k]) {
        decoded[k] = areaCorners(k).map(function (ring) {
          return ring.map(function (c) { return [c[0] / 1000, c[1] / 1000]; });
        });
      }
      return decoded[k];
    }
    function areaLayer(side, ids) {
      var key = side + ":" + ids.join(",");
      if (!areaLayers[key]) {
        areaLayers[key] = L.polygon(ids.map(polygonAt), {
          pane: "fl-areas", stroke: true, color: sides[side].color, weight: 0.8, opacity: 0.4,
          fillColor: sides[side].color, fillOpacity: 0.22, interactive: false,
          className: "fl-area"
        });
      }
      return areaLayers[key];
    }
    function setAreas(s) {
      if (!layers.areas) { return; }
      var f = lowerBound(areaDays, s + 1, function (x) { return x[0]; }) - 1;
      if (f === areaShown) { return; }
      areaShown = f;
      layers.areas.clearLayers();
      if (f < 0) { return; }
      var drawn = areaDays[f][1];
      for (var k = 0; k < drawn.length; k++) {
        layers.areas.addLayer(areaLayer(drawn[k][0], drawn[k][1]));
      }
    }

    /* Reports and places of reported control as dots (see EventCanvas.setDots) while
     * inferred areas are drawn in a view wider than DOT_BELOW's zoom: there a country's
     * discs would cover the areas and the front. Zoomed in, or with the areas off, they
     * are drawn at full size. */
    var DOT_BELOW = 9;
    function setDots() {
      var on = map.getZoom() < DOT_BELOW && !!layers.areas && map.hasLayer(layers.areas) &&
        areaShown >= 0 && areaDays[areaShown][1].length > 0;
      if (hovered && on !== hovered.layer.dots()) { hover(null); }
      datedLayer.setDots(on);
      undatedLayer.setDots(on);
      placeLayer.setDots(on);
    }
    map.on("zoomend", setDots);
    map.on("layeradd layerremove", function (ev) {
      if (ev.layer === layers.areas) { setDots(); }
    });

    /* Inferred front: the line valid from the last change day <= s. Its lines come as
     * rings of ringDecoder in ten-thousandths of a degree (see maps/render.py). */
    var fronts = D.fronts, frontShown = -2, frontCorners = ringDecoder(D.frontLines || []);
    function frontLines(k) {
      return frontCorners(k).map(function (line) {
        return line.map(function (c) { return [c[0] / 10000, c[1] / 10000]; });
      });
    }
    function setFront(s) {
      var f = lowerBound(fronts, s + 1, function (x) { return x[0]; }) - 1;
      if (f === frontShown) { return; }
      frontShown = f;
      layers.front.clearLayers();
      if (f >= 0 && fronts[f][1] !== null) {
        var lines = frontLines(fronts[f][1]);
        /* One continuous line on a light casing, legible over any basemap. */
        layers.front.addLayer(L.polyline(lines, {
          pane: "fl-front", color: "#ffffff", weight: 5, opacity: 0.8,
          lineJoin: "round", interactive: false
        }));
        layers.front.addLayer(L.polyline(lines, {
          pane: "fl-front", color: "#1b1b1b", weight: 2.5, opacity: 0.95,
          lineJoin: "round", interactive: false
        }));
      }
    }

    /* The slider bar. */
    var bar = el("div", "fl-bar");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Time slider");
    var ICONS = {
      back: "M3 3h2v10H3zM13 3v10L6 8z",
      fwd: "M11 3h2v10h-2zM3 3v10l7-5z",
      play: "M4 2v12l10-6z",
      pause: "M3 2h4v12H3zM9 2h4v12H9z"
    };
    function setIcon(b, name) {
      var ns = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 16 16");
      svg.setAttribute("width", "14");
      svg.setAttribute("height", "14");
      svg.setAttribute("aria-hidden", "true");
      var path = document.createElementNS(ns, "path");
      path.setAttribute("d", ICONS[name]);
      path.setAttribute("fill", "currentColor");
      svg.appendChild(path);
      b.textContent = "";
      b.appendChild(svg);
    }
    function button(label, icon, cls) {
      var b = el("button", "fl-btn " + cls);
      setIcon(b, icon);
      b.type = "button";
      b.setAttribute("aria-label", label);
      b.title = label;
      bar.appendChild(b);
      return b;
    }
    var back = button("Step back", "back", "fl-back");
    var play = button("Play", "play", "fl-play");
    play.setAttribute("aria-pressed", "false");
    var fwd = button("Step forward", "fwd", "fl-fwd");
    var range = el("input", "fl-range");
    range.type = "range";
    range.min = "0";
    range.max = String(Math.max(nDates - 1, 0));
    range.step = "1";
    range.setAttribute("aria-label", "Date");
    bar.appendChild(range);
    var out = el("output", "fl-caption");
    out.setAttribute("aria-live", "polite");
    bar.appendChild(out);
    map.getContainer().appendChild(bar);
    map.getContainer().classList.add("fl-has-bar");
    L.DomEvent.disableClickPropagation(bar);
    L.DomEvent.disableScrollPropagation(bar);

    var index = -1;
    function caption() {
      if (index < 0) { return; }
      /* Narrow frames get the short form so the slider keeps its room. */
      out.textContent = map.getSize().x < 520 ?
        "Up to " + dateText(dates[index], true) : "Reports up to " + dateText(dates[index]);
    }
    map.on("resize", caption);
    function setIndex(s) {
      if (nDates === 0) {
        out.textContent = "No dated reports";
        range.disabled = back.disabled = fwd.disabled = play.disabled = true;
        return;
      }
      s = Math.max(0, Math.min(nDates - 1, s | 0));
      index = s;
      range.value = String(s);
      setRange(loFor(s), hiFor(s), freshFor(s));
      setControl(s);
      setAreas(s);
      setDots();
      setFront(s);
      caption();
      range.setAttribute("aria-valuetext", dateText(dates[s]));
      map.getContainer().setAttribute("data-date", dates[s]);
    }

    var timer = null;
    function stop() {
      if (timer !== null) { global.clearInterval(timer); timer = null; }
      setIcon(play, "play");
      play.setAttribute("aria-label", "Play");
      play.title = "Play";
      play.setAttribute("aria-pressed", "false");
    }
    function start() {
      if (nDates < 2) { return; }
      if (index >= nDates - 1) { setIndex(0); }
      setIcon(play, "pause");
      play.setAttribute("aria-label", "Pause");
      play.title = "Pause";
      play.setAttribute("aria-pressed", "true");
      timer = global.setInterval(function () {
        if (index >= nDates - 1) { stop(); return; }
        setIndex(index + 1);
      }, D.playMs);
    }
    function toggle() { if (timer === null) { start(); } else { stop(); } }

    back.addEventListener("click", function () { stop(); setIndex(index - 1); });
    fwd.addEventListener("click", function () { stop(); setIndex(index + 1); });
    play.addEventListener("click", toggle);
    range.addEventListener("input", function () { stop(); setIndex(+range.value); });
    range.addEventListener("keydown", function (ev) {
      if (ev.key === " " || ev.key === "Spacebar") { ev.preventDefault(); toggle(); }
    });
    document.addEventListener("keydown", function (ev) {
      var t = ev.target;
      if (t !== document.body && t !== map.getContainer()) { return; }
      if (ev.key === "ArrowLeft" && t === document.body) {
        ev.preventDefault(); stop(); setIndex(index - 1);
      } else if (ev.key === "ArrowRight" && t === document.body) {
        ev.preventDefault(); stop(); setIndex(index + 1);
      } else if (ev.key === " " || ev.key === "Spacebar") {
        ev.preventDefault(); toggle();
      }
    });

    function requested() {
      var m = /(?:^|[#?&])date=(\d{4}-\d{2}-\d{2})/.exec(
        (global.location.hash || "") + "&" + (global.location.search || ""));
      if (!m) { return null; }
      var k = lowerBound(dates, m[1] + "\uffff", function (x) { return x; }) - 1;
      return Math.max(k, 0);
    }
    global.addEventListener("hashchange", function () {
      var k = requested();
      if (k !== null) { stop(); setIndex(k); settle(); }
    });

    /* Legend: a compact box in the bottom-left corner above the slider, behind a
     * toggle button (collapsed by default in narrow frames), then credits. */
    var legendBox = null;
    if (D.legend) {
      var Legend = L.Control.extend({
        options: { position: "bottomleft" },
        onAdd: function () {
          var box = el("div", "fl-legend leaflet-control");
          var id = map.getContainer().id + "-legend";
          var toggle = el("button", "fl-legend-toggle");
          toggle.type = "button";
          toggle.setAttribute("aria-controls", id);
          toggle.appendChild(el("span", "fl-legend-caret"));
          toggle.appendChild(el("span", null, "Legend"));
          var body = el("div", "fl-legend-body");
          body.id = id;
          body.innerHTML = D.legend; /* built and escaped in Python */
          box.appendChild(toggle);
          box.appendChild(body);
          function setOpen(open) {
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            body.hidden = !open;
            box.classList.toggle("fl-open", open);
          }
          toggle.addEventListener("click", function () {
            setOpen(toggle.getAttribute("aria-expanded") !== "true");
          });
          setOpen(map.getSize().x >= D.legendOpenWidth);
          L.DomEvent.disableClickPropagation(box);
          L.DomEvent.disableScrollPropagation(box);
          legendBox = box;
          return box;
        }
      });
      new Legend().addTo(map);
    }
    if (map.attributionControl && D.credits) {
      map.attributionControl.addAttribution(D.credits); /* built and escaped in Python */
    }

    /* Where the legend, opened to its full width, would reach over the credits (a
     * narrow frame), its corner stands above them: the credits stay readable and the
     * legend does not jump when it opens. */
    function placeLegend() {
      if (!legendBox || !legendBox.parentNode || !map.attributionControl) { return; }
      var corner = legendBox.parentNode, credits = map.attributionControl.getContainer();
      corner.style.bottom = "";
      var a = credits.getBoundingClientRect(), l = legendBox.getBoundingClientRect();
      var wide = parseFloat(global.getComputedStyle(legendBox).maxWidth) || l.width;
      if (a.width > 0 && a.left < l.left + Math.max(wide, l.width) && a.top < l.bottom) {
        var bottom = map.getContainer().getBoundingClientRect().bottom;
        corner.style.bottom = Math.ceil(bottom - a.top) + "px";
      }
    }
    map.on("resize", placeLegend);
    /* Tiles add their own credits, which can take another line. */
    map.on("layeradd layerremove", function (ev) {
      if (ev.layer instanceof L.TileLayer) { L.Util.requestAnimFrame(placeLegend); }
    });
    placeLegend();

    function tilesShown() {
      var on = false;
      map.eachLayer(function (l) { if (l instanceof L.TileLayer) { on = true; } });
      map.getContainer().classList.toggle("fl-tiles", on);
    }
    map.on("baselayerchange layeradd layerremove", tilesShown);
    tilesShown();

    /* Paint the requested day now, not in a later frame: a page opened at a date
     * shows its reports as soon as it has loaded. */
    function settle() { datedLayer._flush(); }
    var first = requested();
    setIndex(first === null ? D.start : first);
    settle();

    var api = {
      map: map,
      dates: dates,
      index: function () { return index; },
      /* Whether reports are drawn as small dots now (see setDots). */
      dots: function () { return datedLayer.dots(); },
      /* The inferred areas drawn now: [{side: legend label, polygons: indices}]. */
      areasShown: function () {
        if (areaShown < 0 || !layers.areas || !map.hasLayer(layers.areas)) { return []; }
        return areaDays[areaShown][1].map(function (x) {
          return { side: sides[x[0]].label, polygons: x[1] };
        });
      },
      setIndex: function (s) { stop(); setIndex(s); },
      visibleEventIds: function () {
        var ids = [];
        if (map.hasLayer(layers.events)) {
          datedLayer.visible().forEach(function (i) { ids.push(D.ids[i]); });
        }
        if (map.hasLayer(layers.undated)) {
          undatedLayer.visible().forEach(function (i) { ids.push(D.ids[i]); });
        }
        return ids.sort();
      },
      /* The groups drawn at this zoom (dated reports): count, how many of them are of
       * the slider's date, and centre. */
      groups: function () {
        if (!map.hasLayer(layers.events) || !datedLayer.clustering()) { return []; }
        return datedLayer._clusters.map(function (c) {
          var ll = map.unproject([c.x, c.y]);
          return { count: c.members.length, fresh: c.fresh, lat: ll.lat, lng: ll.lng };
        });
      },
      markerPoint: function (id) {
        var i = D.ids.indexOf(id);
        if (i < 0) { return null; }
        var layer = evs[i][0] < 0 ? undatedLayer : datedLayer;
        var p = map.latLngToContainerPoint(layer.anchor(i));
        var r = map.getContainer().getBoundingClientRect();
        return { x: p.x + r.left, y: p.y + r.top };
      }
    };
    map.frontline = api;
    global.frontline = api;
    return api;
  }

  global.frontlineMap = frontline;
})(window);
