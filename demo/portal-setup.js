// The host page's own script (classic, no modules: it runs the same with the ESM build and the <script> build).
// It listens to the widgets' events the way a portal would, and says which build it runs on.
(function () {
  var status = document.getElementById('host-status');
  var kind = document.getElementById('kit-kind');
  if (window.SlaWidgets && kind) kind.textContent = 'single <script> bundle';
  document.addEventListener('sla-status-change', function (e) {
    var d = e.detail || {};
    if (d.status === 'breach' && d.metric) status.textContent = 'Attention: ' + d.metric + ' is in breach of the agreement for the period shown.';
  });
  document.addEventListener('sla-dataset-ready', function (e) {
    document.body.setAttribute('data-rows', String(e.detail.rows));
  });
})();
