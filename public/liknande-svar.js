// "Har någon frågat samma sak förut?" – while a citizen writes a synpunkt, up to three published
// answers on the same subject appear beside the form. Without JavaScript nothing changes.
(function () {
  'use strict';
  var box = document.getElementById('liknande-svar');
  var field = document.getElementById('description');
  if (!box || !field || !window.fetch || !window.AbortController) return;
  var list = box.querySelector('[data-lista]');
  var status = document.getElementById('liknande-svar-status');
  var archive = box.querySelector('a[data-arkiv]');
  if (!list || !archive) return;
  var endpoint = archive.getAttribute('href') + '/liknande.json';
  var timer = null;
  var pending = null;
  var shown = '';

  function render(answers) {
    var key = answers.map(function (a) { return a.number; }).join(',');
    if (key === shown) return;
    shown = key;
    while (list.firstChild) list.removeChild(list.firstChild);
    if (answers.length === 0) {
      box.hidden = true;
      if (status) status.textContent = '';
      return;
    }
    var intro = document.createElement('p');
    intro.textContent = box.getAttribute(answers.length === 1 ? 'data-intro-one' : 'data-intro-many');
    list.appendChild(intro);
    var ul = document.createElement('ul');
    answers.forEach(function (a) {
      var li = document.createElement('li');
      var link = document.createElement('a');
      link.href = a.url;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = a.title + ' ' + box.getAttribute('data-new-tab');
      var excerpt = document.createElement('p');
      excerpt.className = 'hint';
      excerpt.textContent = a.excerpt;
      li.appendChild(link);
      li.appendChild(excerpt);
      ul.appendChild(li);
    });
    list.appendChild(ul);
    box.hidden = false;
    if (status) status.textContent = box.getAttribute('data-status');
  }

  function lookUp() {
    var text = field.value.trim();
    if (text.length < 25) return render([]);
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(endpoint + '?text=' + encodeURIComponent(text.slice(0, 1000)), { signal: pending.signal, headers: { accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : { answers: [] }; })
      .then(function (body) { render(Array.isArray(body.answers) ? body.answers.slice(0, 3) : []); })
      .catch(function () { /* aborted or offline: the form works as before */ });
  }

  field.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 700);
  });
  if (field.value.trim()) lookUp();
})();
