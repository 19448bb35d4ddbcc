// The host page's own script (classic, no modules: it runs the same with the ESM build and the <script> build).
// It listens to the widgets' events the way a portal would, and says which build it runs on.
(function () {
  var status = document.getElementById('host-status');
  var kind = document.getElementById('kit-kind');
  if (window.SlaWidgets && kind) kind.textContent = 'single <script> bundle';
  var NAMES = { serviceLevel: 'the service level', asa: 'the average speed of answer', abandonRate: 'the abandonment rate', fcr: 'first contact resolution', csat: 'customer satisfaction', uptime: 'platform uptime', aht: 'the average handle time' };
  var breached = [];
  document.addEventListener('sla-status-change', function (e) {
    var d = e.detail || {};
    if (e.target.localName !== 'sla-scorecard' || !d.metric) return;
    var name = NAMES[d.metric] || d.metric;
    breached = breached.filter(function (n) { return n !== name; });
    if (d.status === 'breach') breached.push(name);
    status.textContent = breached.length ? 'Attention: ' + breached.join(', ') + (breached.length > 1 ? ' are' : ' is') + ' in breach of the agreement for the period shown.' : '';
  });
  document.addEventListener('sla-dataset-ready', function (e) {
    document.body.setAttribute('data-rows', String(e.detail.rows));
  });
})();
