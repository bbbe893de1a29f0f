// The report's script: draws the charts of the embedded view with plotly.js, sorts and filters the trial table, and,
// on a page of the live dashboard, follows the study's changes (server-sent events) and redraws in place.
(function () {
  'use strict';
  var plotConfig = { responsive: true, displaylogo: false, scrollZoom: false, toImageButtonOptions: { format: 'png', scale: 2 } };
  var sort = { column: -1, descending: false };
  var state = { revision: -1, ready: false, updates: 0 };

  function byId(id) { return document.getElementById(id); }

  // A trace that names its points' trials (trialIds) gets their hover texts from the view's shared table, which holds
  // each trial's text once for every chart.
  function withHovers(data, hovers) {
    return data.map(function (trace) {
      if (!trace.trialIds) { return trace; }
      var copy = Object.assign({}, trace);
      copy.text = trace.trialIds.map(function (id) { return hovers[id] || ''; });
      delete copy.trialIds;
      return copy;
    });
  }

  function renderCharts(charts, hovers) {
    var list = byId('chart-list');
    if (!list || typeof Plotly === 'undefined') { return Promise.resolve(); }
    var wanted = {};
    var pending = [];
    charts.forEach(function (chart, index) {
      wanted[chart.id] = true;
      var figure = byId('figure-' + chart.id);
      if (!figure) {
        figure = document.createElement('figure');
        figure.className = 'chart-figure';
        figure.id = 'figure-' + chart.id;
        figure.innerHTML = '<h3></h3><div class="chart"></div><figcaption></figcaption>';
        figure.querySelector('.chart').id = 'chart-' + chart.id;
      }
      if (list.children[index] !== figure) { list.insertBefore(figure, list.children[index] || null); }
      figure.querySelector('h3').textContent = chart.title;
      var caption = figure.querySelector('figcaption');
      caption.textContent = chart.caption;
      var div = figure.querySelector('.chart');
      div.setAttribute('data-points', String(chart.points));
      figure.classList.remove('chart-failed');
      // A chart plotly.js cannot draw says so in its caption; the other charts and the table still work.
      var failed = function (error) {
        figure.classList.add('chart-failed');
        caption.textContent = chart.caption + ' This chart could not be drawn: ' + ((error && error.message) || error) + '.';
      };
      try {
        pending.push(Promise.resolve(Plotly.react(div, withHovers(chart.data, hovers || {}), chart.layout, plotConfig)).catch(failed));
      } catch (error) {
        failed(error);
      }
    });
    Array.prototype.slice.call(list.children).forEach(function (figure) {
      if (!wanted[figure.id.replace(/^figure-/, '')]) {
        var div = figure.querySelector('.chart');
        if (div) { Plotly.purge(div); }
        list.removeChild(figure);
      }
    });
    var none = byId('no-charts');
    if (none) { none.hidden = charts.length > 0; }
    return Promise.all(pending);
  }

  // How many marks a chart drew: markers, bars and parallel-coordinate lines.
  function renderedPoints(div) {
    var marks = div.querySelectorAll('.scatterlayer .trace .points path').length + div.querySelectorAll('.barlayer .trace .point').length;
    if (div.querySelector('.parcoords') && div._fullData) {
      div._fullData.forEach(function (trace) { if (trace.type === 'parcoords') { marks += trace._length || 0; } });
    }
    return marks;
  }

  function cellKey(row, column, type) {
    var cell = row.cells[column];
    if (!cell) { return null; }
    var key = cell.getAttribute('data-sort');
    if (type === 'number') {
      var n = key === null ? NaN : parseFloat(key);
      return isNaN(n) ? null : n;
    }
    var text = key === null ? cell.textContent : key;
    return text === '' || text === '–' ? null : text.toLowerCase();
  }

  function applySort(table) {
    if (sort.column < 0) { return; }
    var header = table.tHead.rows[0].cells[sort.column];
    if (!header) { return; }
    var type = header.getAttribute('data-type');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row._order = i; });
    rows.sort(function (a, b) {
      var x = cellKey(a, sort.column, type), y = cellKey(b, sort.column, type);
      if (x === null && y === null) { return a._order - b._order; }
      if (x === null) { return 1; }   // empty cells last, whatever the direction
      if (y === null) { return -1; }
      var c = type === 'number' ? x - y : (x < y ? -1 : x > y ? 1 : 0);
      if (c === 0) { return a._order - b._order; }
      return sort.descending ? -c : c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.classList.toggle('sorted-ascending', i === sort.column && !sort.descending);
      th.classList.toggle('sorted-descending', i === sort.column && sort.descending);
    });
  }

  function applyFilter(table) {
    var text = (byId('trial-filter') || { value: '' }).value.trim().toLowerCase();
    var wantedState = (byId('state-filter') || { value: '' }).value;
    var shown = 0, rows = table.tBodies[0].rows;
    Array.prototype.forEach.call(rows, function (row) {
      var visible = (!wantedState || row.getAttribute('data-state') === wantedState)
        && (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !visible;
      if (visible) { shown++; }
    });
    var count = byId('trial-count');
    if (count) { count.textContent = 'showing ' + shown + ' of ' + rows.length + ' trials'; }
  }

  function table() { return byId('trials'); }

  function refreshTable() {
    var t = table();
    if (t) { applySort(t); applyFilter(t); }
  }

  function setUpTable() {
    var body = byId('trials-body');
    if (body) {
      body.addEventListener('click', function (event) {
        var th = event.target.closest ? event.target.closest('th') : null;
        if (!th || !table() || !table().tHead.contains(th)) { return; }
        var column = th.cellIndex;
        sort.descending = sort.column === column ? !sort.descending : false;
        sort.column = column;
        refreshTable();
      });
    }
    ['trial-filter', 'state-filter'].forEach(function (id) {
      var input = byId(id);
      if (input) { input.addEventListener('input', refreshTable); input.addEventListener('change', refreshTable); }
    });
    refreshTable();
  }

  function update(view) {
    state.revision = view.revision;
    if (view.summary !== undefined) { byId('summary-body').innerHTML = view.summary; }
    if (view.importance !== undefined) { byId('importance-body').innerHTML = view.importance; }
    if (view.trials !== undefined) { byId('trials-body').innerHTML = view.trials; refreshTable(); }
    return renderCharts(view.charts || [], view.hovers);
  }

  function follow(viewUrl, eventsUrl) {
    var status = byId('live-status');
    var busy = false, again = false;
    function offline(text) { if (status) { status.textContent = text; status.classList.add('offline'); } }
    function fetchView() {
      if (busy) { again = true; return; }
      busy = true;
      fetch(viewUrl, { cache: 'no-store' })
        .then(function (response) { if (!response.ok) { throw new Error('HTTP ' + response.status); } return response.json(); })
        .then(function (view) { return view.revision === state.revision ? null : update(view).then(function () { state.updates++; }); })
        .catch(function (error) { offline('update failed: ' + error.message); })
        .then(function () { busy = false; if (again) { again = false; fetchView(); } });
    }
    var source = new EventSource(eventsUrl);
    source.addEventListener('changed', function (event) {
      if (Number(event.data) !== state.revision) { fetchView(); }
    });
    // The study is no longer in the storage under this name: the page stops following it and says so.
    source.addEventListener('gone', function () {
      source.close();
      offline('gone: the study was deleted or renamed');
    });
    source.onopen = function () { if (status) { status.textContent = 'live'; status.classList.remove('offline'); } };
    source.onerror = function () {
      offline(source.readyState === EventSource.CLOSED ? 'offline: the dashboard or the study is gone' : 'reconnecting…');
    };
  }

  function start() {
    var data = byId('tuning-view');
    var view = data ? JSON.parse(data.textContent) : { charts: [], revision: -1 };
    setUpTable();
    update(view).then(function () { state.ready = true; }, function (error) { console.error(error); state.ready = true; });
    var body = document.body;
    if (body.getAttribute('data-events') && body.getAttribute('data-view')) {
      follow(body.getAttribute('data-view'), body.getAttribute('data-events'));
    }
  }

  window.TuningReport = { state: state, renderedPoints: renderedPoints };
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
