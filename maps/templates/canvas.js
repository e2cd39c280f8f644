/* frontline map canvases: the base canvas layer, and the events layer that draws
 * every report (markers, movement arrows, groups of nearby reports at low zoom).
 * Loaded before frontline.js, which draws with them; they are shared through
 * window.frontlineCanvas. Untrusted text never reaches these layers: they draw shapes
 * and counts only.
 */
(function (global) {
  "use strict";
  /* A canvas over the map, redrawn on every view change; subclasses draw. */
  var CanvasLayer = L.Layer.extend({
    onAdd: function (map) {
      this._map = map;
      this._proj = {};
      var c = this._canvas = L.DomUtil.create("canvas", this._cls);
      c.style.position = "absolute";
      c.style.pointerEvents = "none";
      map.getPane(this._opts.pane).appendChild(c);
      map.on("moveend viewreset resize zoomend", this._reset, this);
      map.on("zoomstart", this._hide, this);
      this._reset();
    },
    onRemove: function (map) {
      map.off("moveend viewreset resize zoomend", this._reset, this);
      map.off("zoomstart", this._hide, this);
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
    },
    _hide: function () { if (this._canvas) { this._canvas.style.visibility = "hidden"; } },
    _points: function () {
      /* Projected pixel coordinates of every point at the current zoom, cached. */
      var z = this._map.getZoom(), P = this._proj[z];
      if (P) { return P; }
      var pts = this._latlngs(), n = pts.length, xy = new Float64Array(2 * n), map = this._map;
      for (var i = 0; i < n; i++) {
        var p = map.project(pts[i], z);
        xy[2 * i] = p.x;
        xy[2 * i + 1] = p.y;
      }
      this._proj = {};
      this._proj[z] = xy;
      return xy;
    },
    _reset: function () {
      if (!this._canvas) { return; }
      var map = this._map, size = map.getSize(), pad = 0.15;
      var min = size.multiplyBy(-pad).round(), dpr = global.devicePixelRatio || 1;
      var w = Math.round(size.x * (1 + 2 * pad)), h = Math.round(size.y * (1 + 2 * pad));
      this._topLeft = map.containerPointToLayerPoint(min);
      L.DomUtil.setPosition(this._canvas, this._topLeft);
      this._canvas.width = Math.round(w * dpr);
      this._canvas.height = Math.round(h * dpr);
      this._canvas.style.width = w + "px";
      this._canvas.style.height = h + "px";
      this._dpr = dpr;
      this._canvas.style.visibility = "visible";
      this._sprites = {};
      /* One paint however many view events arrive (a reset fires three, in one task).
       * A microtask, not an animation frame: resizing cleared the canvas, and it is
       * painted again before anything can show or capture the page (a headless
       * screenshot may be taken before the next frame). */
      this._dirty = true;
      if (!this._frame) {
        var self = this;
        this._frame = true;
        global.Promise.resolve().then(function () {
          self._frame = null;
          if (self._canvas && self._dirty) { self._dirty = false; self._repaint(); }
        });
      }
    },
    _origin: function () {
      /* Projected point - origin = canvas point (CSS pixels). */
      return this._map.getPixelOrigin().add(this._topLeft);
    },
    _sprite: function (key, size, paint) {
      var spr = this._sprites[key];
      if (spr) { return spr; }
      var dpr = this._dpr, c = document.createElement("canvas");
      c.width = c.height = Math.ceil(size * dpr);
      var ctx = c.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      paint(ctx, size / 2);
      spr = this._sprites[key] = { canvas: c, half: c.width / 2 };
      return spr;
    }
  });

  /* All events of one layer drawn on one canvas: fast at 10,000. `range` says which
   * events (indices into D.ev) are visible; hit testing scans them in screen pixels.
   * Below the zoom D.cluster.below, markers closer than D.cluster.radius pixels are
   * drawn as one count (a ring in the sides' colours), so a thousand reports stay
   * legible in a regional view. */
  var EventCanvas = CanvasLayer.extend({
    /* Dot mode (setDots): every report and group is drawn as a small dot of
     * `opts.dot` pixels, so that the shaded areas and the front under them read;
     * the one under the pointer is drawn at full size on a canvas above (highlight). */
    initialize: function (D, indexes, opts) {
      this._D = D;
      this._idx = indexes;          /* candidate events, sorted */
      this._lo = 0;
      this._hi = indexes.length;    /* visible: this._idx[lo .. hi) */
      this._fresh = this._hi;       /* this._idx[fresh .. hi): the slider day's reports */
      this._opts = opts;
      this._cls = "fl-events-canvas";
      this._clusters = [];
      this._grouped = new Uint8Array(D.ev.length);
      this._dots = false;
      this._shown = null;  /* the report or group drawn at full size over the dots */
    },
    onAdd: function (map) {
      var o = this._over = L.DomUtil.create("canvas", "fl-events-over");
      o.style.position = "absolute";
      o.style.pointerEvents = "none";
      o.style.display = "none";  /* shown only while it holds a report: no cost otherwise */
      CanvasLayer.prototype.onAdd.call(this, map);
      map.getPane(this._opts.pane).appendChild(o);
    },
    onRemove: function (map) {
      CanvasLayer.prototype.onRemove.call(this, map);
      L.DomUtil.remove(this._over);
      this._over = null;
      this._shown = null;
    },
    _reset: function () {
      CanvasLayer.prototype._reset.call(this);
      var c = this._canvas, o = this._over;
      if (!c || !o) { return; }
      L.DomUtil.setPosition(o, this._topLeft);
      o.width = c.width;
      o.height = c.height;
      o.style.width = c.style.width;
      o.style.height = c.style.height;
      o.style.display = "none";
      this._shown = null;
    },
    _hide: function () {
      CanvasLayer.prototype._hide.call(this);
      if (this._over) { this._clearOver(); }
    },
    /* Markers and groups as small dots (true) or at full size (false). */
    setDots: function (on) {
      on = !!on;
      if (on === this._dots) { return; }
      this._dots = on;
      if (this._canvas && !this._dirty) { this._repaint(); }
    },
    dots: function () { return this._dots; },
    /* Radius of a drawn marker: hit tests reach it, plus their tolerance. */
    _radius: function () { return this._dots ? this._opts.dot : this._opts.radius; },
    _clearOver: function () {
      if (this._shown === null) { return; }
      var o = this._over, g = o.getContext("2d");
      g.setTransform(1, 0, 0, 1, 0, 0);
      g.clearRect(0, 0, o.width, o.height);
      o.style.display = "none";
      this._shown = null;
    },
    /* Draw a hit (see hitAt) at full size over the dots; null clears. */
    highlight: function (hit) {
      if (!this._over || !this._canvas) { return; }
      var target = hit ? hit.cluster || hit.list : null;
      if (target === this._shown || (!this._dots && !target)) { return; }
      this._clearOver();
      if (!target || !this._dots) { return; }
      this._shown = target;
      this._over.style.display = "";
      var o = this._origin();
      if (hit.cluster) {
        this._drawCluster(this._over.getContext("2d"), hit.cluster, o, false);
        return;
      }
      var freshMin = this._fresh < this._hi ? this._idx[this._fresh] : Infinity;
      this._draw(hit.list.slice().reverse(), freshMin, this._over, false);
    },
    /* Whether a container point is over the hit drawn at full size. */
    over: function (hit, cp) {
      if (!hit || (hit.cluster || hit.list) !== this._shown) { return false; }
      var p = this._layerXY(cp), x, y, r;
      if (hit.cluster) {
        x = hit.cluster.x; y = hit.cluster.y; r = hit.cluster.r + 2;
      } else {
        var xy = this._points(), i = hit.list[0];
        x = xy[2 * i]; y = xy[2 * i + 1]; r = this._opts.radius + 4;
      }
      return (x - p[0]) * (x - p[0]) + (y - p[1]) * (y - p[1]) <= r * r;
    },
    _latlngs: function () {
      var ev = this._D.ev, out = new Array(ev.length);
      for (var i = 0; i < ev.length; i++) { out[i] = this.anchor(i); }
      return out;
    },
    clustering: function () {
      var c = this._D.cluster;
      return !!(c && this._map && this._map.getZoom() < c.below);
    },
    _repaint: function () {
      this._snaps = {};
      this._pending = false;
      if (this._over) { this._clearOver(); }
      this._plo = this._lo;
      this._phi = this._hi;
      if (this.clustering()) { this._paintClusters(); return; }
      this._clusters = [];
      this._grouped.fill(0);
      this._paint(this._lo, this._hi, true);
    },
    /* Show events this._idx[lo .. hi). The state changes at once (hit tests and
     * visible() follow it); the canvas is painted once in the next animation frame,
     * so a burst of slider moves costs one paint. */
    setRange: function (lo, hi, fresh) {
      this._lo = lo;
      this._hi = hi;
      this._fresh = fresh === undefined ? hi : Math.max(lo, Math.min(fresh, hi));
      if (!this._canvas || this._pending) { return; }
      this._pending = true;
      var self = this;
      L.Util.requestAnimFrame(function () { self._flush(); });
    },
    _flush: function () {
      if (!this._pending || !this._canvas) { return; }
      this._pending = false;
      if (this._dirty) { return; }  /* a full repaint is due in this frame anyway */
      var lo = this._lo, hi = this._hi, same = lo === this._plo && hi === this._phi;
      if (!same && this._over) { this._clearOver(); }
      if (this.clustering()) {
        if (same && this._fresh === this._pfresh) { return; }
        this._plo = lo;
        this._phi = hi;
        this._paintClusters();
        return;
      }
      if (same) { return; }
      var grow = lo === this._plo && hi >= this._phi, from = this._phi;
      this._plo = lo;
      this._phi = hi;
      if (grow) { this._paint(from, hi, false); } else { this._paint(lo, hi, true); }
    },
    visible: function () { return this._idx.slice(this._lo, this._hi); },
    /* Paint events [from, to). With every event from the first shown (the default,
     * cumulative view) the canvas is saved every `step` events, and every `sub`
     * events inside the chunk where the painting ends, so a step back restores a
     * saved canvas and draws at most `sub` events (the fine copies of one chunk only
     * are kept: at most 8 + 3 copies of the canvas). */
    _paint: function (from, to, clear) {
      var c = this._canvas, ctx = c.getContext("2d"), snaps = this._snaps;
      var sub = Math.max(125, Math.ceil(this._idx.length / 32)), step = 4 * sub;
      var chunk = Math.floor(Math.max(to - 1, 0) / step);
      var cumulative = this._lo === 0, key;
      for (key in snaps) {
        if (key % step !== 0 && Math.floor(key / step) !== chunk) { delete snaps[key]; }
      }
      if (clear) {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, c.width, c.height);
        if (from === 0) {
          var best = Math.floor(to / sub) * sub;
          while (best > 0 && !snaps[best]) { best -= sub; }
          if (best > 0) {
            ctx.drawImage(snaps[best], 0, 0);
            from = best;
          }
        }
      }
      while (from < to) {
        var end = Math.min(to, (Math.floor(from / sub) + 1) * sub);
        this._draw(this._idx.slice(from, end), undefined, c, this._dots);
        from = end;
        if (cumulative && end % sub === 0 && !snaps[end] &&
            (end % step === 0 || Math.floor(end / step) === chunk)) {
          this._save(end);
        }
      }
    },
    /* Keep a copy of the canvas as it is after `end` events. */
    _save: function (end) {
      var c = this._canvas, copy = document.createElement("canvas");
      copy.width = c.width;
      copy.height = c.height;
      copy.getContext("2d").drawImage(c, 0, 0);
      this._snaps[end] = copy;
    },
    /* Group the visible events greedily, oldest first: an event joins the group
     * whose first event lies within the radius (a grid of radius-sized cells finds
     * the candidates); groups of fewer than D.cluster.min are drawn as markers. */
    _paintClusters: function () {
      var c = this._canvas, ctx = c.getContext("2d"), opt = this._D.cluster;
      var xy = this._points(), o = this._origin(), dpr = this._dpr;
      /* A few reports group only where their markers overlap; a thousand group
       * across the full radius (the reach grows with the log of the count). */
      var n0 = Math.max(this._hi - this._lo, 1);
      var rad = opt.radius * Math.min(1, Math.max(0.3, (Math.log(n0) / Math.LN10 - 1.5) / 1.5));
      var w = c.width / dpr, h = c.height / dpr, grid = {}, groups = [], k, i, g;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, c.width, c.height);
      this._grouped.fill(0);
      this._pfresh = this._fresh;
      for (k = this._lo; k < this._hi; k++) {
        i = this._idx[k];
        var x = xy[2 * i], y = xy[2 * i + 1];
        if (x - o.x < -rad || y - o.y < -rad || x - o.x > w + rad || y - o.y > h + rad) {
          continue;
        }
        var gx = Math.floor(x / rad), gy = Math.floor(y / rad), best = null, bestD = rad * rad;
        for (var dx = -1; dx <= 1; dx++) {
          for (var dy = -1; dy <= 1; dy++) {
            var cell = grid[(gx + dx) + ":" + (gy + dy)];
            if (!cell) { continue; }
            for (var m = 0; m < cell.length; m++) {
              var d = (cell[m].x - x) * (cell[m].x - x) + (cell[m].y - y) * (cell[m].y - y);
              if (d <= bestD) { bestD = d; best = cell[m]; }
            }
          }
        }
        if (best) {
          best.members.push(i);
          best.sx += x;
          best.sy += y;
          if (k >= this._fresh) { best.fresh++; }
        } else {
          g = { x: x, y: y, sx: x, sy: y, members: [i], fresh: k >= this._fresh ? 1 : 0 };
          groups.push(g);
          var key = gx + ":" + gy;
          (grid[key] = grid[key] || []).push(g);
        }
      }
      var singles = [], clusters = [];
      for (k = 0; k < groups.length; k++) {
        g = groups[k];
        if (g.members.length < opt.min) {
          Array.prototype.push.apply(singles, g.members);
          continue;
        }
        var n = g.members.length;
        clusters.push({ x: g.sx / n, y: g.sy / n, r: 9 + 4.5 * Math.log(n) / Math.LN10,
                        members: g.members, fresh: g.fresh });
        for (var q = 0; q < n; q++) { this._grouped[g.members[q]] = 1; }
      }
      clusters = this._merge(clusters);
      singles.sort(function (a, b) { return a - b; });
      /* The slider day's reports are outlined dark, alone or as a dark ring round a group. */
      var freshMin = this._fresh < this._hi ? this._idx[this._fresh] : Infinity;
      this._draw(singles, freshMin, c, this._dots);
      this._clusters = clusters;
      for (k = 0; k < clusters.length; k++) {
        this._drawCluster(ctx, clusters[k], o, this._dots);
      }
    },
    /* Merge groups whose rings would overlap, until none do (a pass merges as many
     * pairs as it finds; passes repeat while any merged). */
    _merge: function (clusters) {
      var merged = true;
      while (merged) {
        merged = false;
        for (var a = 0; a < clusters.length; a++) {
          for (var b = a + 1; b < clusters.length; b++) {
            var p = clusters[a], q = clusters[b];
            var dx = p.x - q.x, dy = p.y - q.y, reach = p.r + q.r;
            if (dx * dx + dy * dy >= reach * reach) { continue; }
            var np = p.members.length, nq = q.members.length, n = np + nq;
            clusters[a] = {
              x: (p.x * np + q.x * nq) / n, y: (p.y * np + q.y * nq) / n,
              r: 9 + 4.5 * Math.log(n) / Math.LN10,
              members: p.members.concat(q.members).sort(function (u, v) { return u - v; }),
              fresh: p.fresh + q.fresh
            };
            clusters.splice(b, 1);
            b = a;  /* the grown ring: check it against every later group again */
            merged = true;
          }
        }
      }
      return clusters;
    },
    /* A ring split by side in proportion to the reports, the count inside; as a dot,
     * the same split in a disc a little larger than a report's dot. */
    _drawCluster: function (ctx, cl, o, dot) {
      var D = this._D, dpr = this._dpr, counts = {}, order = [], n = cl.members.length;
      for (var k = 0; k < n; k++) {
        var sd = D.ev[cl.members[k]][4];
        if (!counts[sd]) { counts[sd] = 0; order.push(sd); }
        counts[sd]++;
      }
      order.sort(function (a, b) { return a - b; });
      var x = cl.x - o.x, y = cl.y - o.y, a = -Math.PI / 2;
      var r = dot ? this._opts.dot + 0.6 * Math.log(n) / Math.LN10 : cl.r;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.globalAlpha = 0.92;
      for (k = 0; k < order.length; k++) {
        var b = a + 2 * Math.PI * counts[order[k]] / n;
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.arc(x, y, r, a, b);
        ctx.closePath();
        ctx.fillStyle = this._opts.undated ? "#ffffff" : D.sides[order[k]].color;
        ctx.fill();
        a = b;
      }
      ctx.globalAlpha = 1;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.lineWidth = dot ? (cl.fresh ? 1.2 : 0.8) : cl.fresh ? 2.2 : 1.5;
      ctx.strokeStyle = cl.fresh ? "#111111" : this._opts.undated ? "#5f6368" : "#ffffff";
      ctx.stroke();
      if (dot) {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        return;
      }
      ctx.beginPath();
      ctx.arc(x, y, r * 0.62, 0, 2 * Math.PI);
      ctx.fillStyle = "#ffffff";
      ctx.fill();
      ctx.fillStyle = "#1b1b1b";
      ctx.font = "600 " + (n >= 1000 ? 10 : 11) + "px system-ui, -apple-system, 'Segoe UI', " +
        "Roboto, Arial, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(String(n), x, y + 0.5);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
    },
    _marker: function (shape, sideIdx, region, fresh, dot) {
      var D = this._D, R = dot ? this._opts.dot : this._opts.radius;
      var undated = this._opts.undated, self = this;
      var side = D.sides[sideIdx];
      /* A dot is too small for a shape or a region's ring: a disc of the side. */
      if (dot) { shape = "circle"; region = 0; }
      return this._sprite(shape + "|" + sideIdx + "|" + region + "|" + (fresh ? 1 : 0) + "|" + R,
        Math.ceil(2 * R + 12),
        function (ctx, half) {
          if (region) {
            /* A report on a whole region: a dashed ring around the marker. */
            ctx.beginPath();
            ctx.arc(half, half, R + 3.5, 0, 2 * Math.PI);
            ctx.setLineDash([2.5, 2]);
            ctx.lineWidth = 1.3;
            ctx.strokeStyle = side.color;
            ctx.stroke();
            ctx.setLineDash([]);
          }
          ctx.beginPath();
          self._shapePath(ctx, D.shapes[shape], half, half, R, 0);
          ctx.globalAlpha = undated ? 0.95 : 0.9;
          ctx.fillStyle = undated ? "#ffffff" : side.color;
          ctx.fill();
          ctx.globalAlpha = 1;
          ctx.lineWidth = (undated || fresh ? 1.5 : 1) * (dot ? 0.8 : 1);
          ctx.strokeStyle = fresh ? "#111111" : undated ? side.color : "#ffffff";
          ctx.stroke();
        });
    },
    /* Draw the events of `list` (indices into D.ev, oldest first) on canvas `c`: lines,
     * then markers (outlined dark from event index `freshMin` on: the slider day's
     * reports); as dots, thin lines whose heads are dots. */
    _draw: function (list, freshMin, c, dot) {
      var ctx = c.getContext("2d"), D = this._D, ev = D.ev;
      var xy = this._points(), o = this._origin(), z = this._map.getZoom(), map = this._map;
      var dpr = this._dpr;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      var w = c.width / dpr, h = c.height / dpr;
      var groups = {}, order = [], k, i, e, g, j;
      for (k = 0; k < list.length; k++) {
        i = list[k];
        e = ev[i];
        if (!e[5] || e[5][0] !== "L") { continue; }
        if (!groups[e[4]]) { groups[e[4]] = []; order.push(e[4]); }
        groups[e[4]].push(i);
      }
      order.sort();
      var R = dot ? this._opts.dot : this._opts.radius, thin = dot ? 0.5 : 1;
      /* Movement lines with their heads, per side. An area is never filled here: its
       * outline is drawn only while its report is selected. */
      for (var gi = 0; gi < order.length; gi++) {
        var group = groups[order[gi]], side = D.sides[order[gi]];
        /* Lines: arrows (origin to destination) solid, other lines (a border stretch)
         * thin and dashed under the event's marker. */
        var heads = [];
        for (var pass = 1; pass >= 0; pass--) {
          ctx.setLineDash(pass ? [] : [5, 4]);
          ctx.beginPath();
          for (j = 0; j < group.length; j++) {
            g = ev[group[j]][5];
            if (g[2] !== pass) { continue; }
            var pts = this._linePts(g[1], o, z, map);
            ctx.moveTo(pts[0][0], pts[0][1]);
            for (var q = 1; q < pts.length; q++) { ctx.lineTo(pts[q][0], pts[q][1]); }
            if (pass) { heads.push(pts); }
          }
          ctx.globalAlpha = pass ? 0.85 : 0.7;
          ctx.strokeStyle = side.color;
          ctx.lineWidth = (pass ? 2.5 : 1.8) * thin;
          ctx.lineCap = "round";
          ctx.stroke();
        }
        ctx.setLineDash([]);
        ctx.beginPath();
        for (j = 0; j < heads.length; j++) {
          var hp = heads[j], n = hp.length, tip = hp[n - 1], fr = hp[n - 2];
          var ang = Math.atan2(tip[0] - fr[0], -(tip[1] - fr[1]));
          if (dot) {
            ctx.moveTo(tip[0] + R, tip[1]);
            ctx.arc(tip[0], tip[1], R, 0, 2 * Math.PI);
          } else {
            this._shapePath(ctx, D.shapes.triangle, tip[0], tip[1], R + 1.5, ang);
          }
        }
        ctx.globalAlpha = 0.95;
        ctx.fillStyle = side.color;
        ctx.fill();
        ctx.lineWidth = thin;
        ctx.strokeStyle = "#ffffff";
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
      /* Markers, oldest first, as sprites in device pixels. */
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      for (k = 0; k < list.length; k++) {
        i = list[k];
        e = ev[i];
        g = e[5];
        if (g && g[0] === "L" && g[2]) { continue; }
        var x = xy[2 * i] - o.x, y = xy[2 * i + 1] - o.y;
        if (x < -R || y < -R || x > w + R || y > h + R) { continue; }
        var spr = this._marker(D.actionShapes[e[3]], e[4], e[6] ? 1 : 0, i >= freshMin, dot);
        ctx.drawImage(spr.canvas, Math.round(x * dpr - spr.half), Math.round(y * dpr - spr.half));
      }
    },
    _shapePath: function (ctx, verts, x, y, r, ang) {
      if (!verts || !verts.length) {
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        return;
      }
      var c = Math.cos(ang), s = Math.sin(ang);
      for (var i = 0; i < verts.length; i++) {
        var vx = verts[i][0] * r, vy = verts[i][1] * r;
        var px = x + vx * c - vy * s, py = y + vx * s + vy * c;
        if (i === 0) { ctx.moveTo(px, py); } else { ctx.lineTo(px, py); }
      }
      ctx.closePath();
    },
    _linePts: function (latlngs, o, z, map) {
      var out = [];
      for (var i = 0; i < latlngs.length; i++) {
        var p = map.project(latlngs[i], z);
        out.push([p.x - o.x, p.y - o.y]);
      }
      return out;
    },
    _layerXY: function (cp) {
      var o = this._map.getPixelOrigin(), lp = this._map.containerPointToLayerPoint(cp);
      return [lp.x + o.x, lp.y + o.y];
    },
    /* The drawn group under a container point, or null; as dots, within `tol` pixels
     * of its dot unless `full` (a tap reaches as far as the full-size group). */
    cluster: function (cp, tol, full) {
      if (!this._canvas || !this.clustering()) { return null; }
      var p = this._layerXY(cp), cls = this._clusters, dots = this._dots && !full;
      for (var k = cls.length - 1; k >= 0; k--) {
        var dx = cls[k].x - p[0], dy = cls[k].y - p[1];
        var r = dots ? this._opts.dot + 1 + (tol || 0) : cls[k].r + 2;
        if (dx * dx + dy * dy <= r * r) { return cls[k]; }
      }
      return null;
    },
    /* Visible events drawn as markers under a container point, most recent first
     * (`full`: as far as a full-size marker reaches, even when drawn as a dot). */
    hits: function (cp, tol, full) {
      if (!this._canvas) { return []; }
      var xy = this._points(), p = this._layerXY(cp), out = [], grouped = this.clustering();
      var reach = (full ? this._opts.radius : this._radius()) + tol, best = reach * reach;
      for (var k = this._hi - 1; k >= this._lo; k--) {
        var i = this._idx[k];
        if (grouped && this._grouped[i]) { continue; }
        var dx = xy[2 * i] - p[0], dy = xy[2 * i + 1] - p[1], d = dx * dx + dy * dy;
        if (d <= best) { out.push([d, k, i]); }
      }
      if (!out.length) { return []; }
      /* The nearest marker, then every other report at the same spot. */
      out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
      var x0 = xy[2 * out[0][2]], y0 = xy[2 * out[0][2] + 1], same = [];
      for (var m = 0; m < out.length; m++) {
        var j = out[m][2];
        if (Math.abs(xy[2 * j] - x0) < 1 && Math.abs(xy[2 * j + 1] - y0) < 1) { same.push(out[m]); }
      }
      same.sort(function (a, b) { return b[1] - a[1]; });
      return same.map(function (s) { return s[2]; });
    },
    /* The visible event under a container point, or -1 (the most recent wins). */
    hit: function (cp, tol) {
      var h = this.hits(cp, tol);
      return h.length ? h[0] : -1;
    },
    anchor: function (i) {
      var g = this._D.ev[i][5];
      if (g && g[0] === "L" && g[2]) { return L.latLng(g[1][g[1].length - 1]); }
      return L.latLng(this._D.ev[i][1], this._D.ev[i][2]);
    }
  });

  global.frontlineCanvas = { CanvasLayer: CanvasLayer, EventCanvas: EventCanvas };
})(window);
