// A counter's queue refreshes itself: it polls the queue's JSON every few seconds and redraws the rows
// with DOM methods only (text is never parsed as HTML).
(function () {
  "use strict";
  var table = document.getElementById("queue");
  if (!table) { return; }
  var body = document.getElementById("queue-rows");
  var status = document.getElementById("queue-status");
  var options = document.getElementById("status-options");
  var emptyText = document.getElementById("queue-empty-text").content.textContent;
  var seconds = Math.max(parseInt(table.dataset.pollSeconds, 10) || 5, 1);

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  function statusForm(item, procedure) {
    var form = element("form", "", { method: "post", action: procedure.action, "class": "status-form" });
    form.appendChild(element("input", "", { type: "hidden", name: "csrf_token", value: table.dataset.csrf }));
    form.appendChild(element("input", "", { type: "hidden", name: "back", value: table.dataset.back }));
    var select = options.content.firstElementChild.cloneNode(true);
    select.id = "q-" + item.case_id + "-" + procedure.id;
    select.value = procedure.status;
    var label = element("label", procedure.title, { "for": select.id, "class": "visually-hidden" });
    form.appendChild(label);
    form.appendChild(select);
    form.appendChild(element("button", table.dataset.updateText, { type: "submit", "class": "button button-small" }));
    return form;
  }

  function callForm(action, caseId, text, receipt) {
    var form = element("form", "", { method: "post", action: action, "class": "call-form" });
    form.appendChild(element("input", "", { type: "hidden", name: "csrf_token", value: table.dataset.csrf }));
    form.appendChild(element("input", "", { type: "hidden", name: "case_id", value: String(caseId) }));
    var button = element("button", text, { type: "submit", "class": "button button-small" });
    button.appendChild(element("span", "（" + receipt + "）", { "class": "visually-hidden" }));
    form.appendChild(button);
    return form;
  }

  function callCell(item) {
    var cell = element("td", "", { "class": "queue-call" });
    if (item.called_at) {
      var state = item.absent ? table.dataset.absentMark : table.dataset.calledText;
      cell.appendChild(element("span", state + " " + item.called_at, { "class": "call-state" }));
    }
    cell.appendChild(callForm(table.dataset.callAction, item.case_id, table.dataset.callText, item.receipt_no));
    if (item.called_at && !item.absent) {
      cell.appendChild(callForm(table.dataset.absentAction, item.case_id, table.dataset.absentText, item.receipt_no));
    }
    return cell;
  }

  function row(item) {
    var tr = element("tr", "", { "data-case": item.case_id });
    var link = element("a", item.receipt_no, { href: item.url });
    var first = element("td"); first.appendChild(link); tr.appendChild(first);
    tr.appendChild(element("td", item.received_at));
    tr.appendChild(element("td", item.name));
    var list = element("ul", "", { "class": "queue-procedures" });
    item.procedures.forEach(function (procedure) {
      var li = element("li", procedure.title + ": ", { "data-procedure": procedure.id, "data-status": procedure.status });
      li.appendChild(element("span", procedure.status_label, { "class": "status-now" }));
      li.appendChild(statusForm(item, procedure));
      list.appendChild(li);
    });
    var cell = element("td"); cell.appendChild(list); tr.appendChild(cell);
    var others = element("ul", "", { "class": "queue-elsewhere" });
    item.elsewhere.forEach(function (entry) {
      others.appendChild(element("li", entry.counter + " " + entry.finished + "/" + entry.total));
    });
    var last = element("td"); last.appendChild(others); tr.appendChild(last);
    tr.appendChild(callCell(item));
    return tr;
  }

  function draw(items) {
    // Leave the rows alone while the clerk is choosing a status, so the choice is not lost.
    if (body.contains(document.activeElement) && document.activeElement.tagName === "SELECT") { return; }
    var rows = items.map(row);
    if (!rows.length) {
      var empty = element("tr", "", { "class": "queue-empty" });
      empty.appendChild(element("td", emptyText, { colspan: "6" }));
      rows = [empty];
    }
    body.replaceChildren.apply(body, rows);
  }

  function poll() {
    fetch(table.dataset.source, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 401) { status.textContent = status.dataset.expiredText; return null; }
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        if (data) { draw(data.items); status.textContent = status.dataset.updatedText; table.dataset.updated = String(Date.now()); }
      })
      .catch(function () { status.textContent = status.dataset.offlineText; });
  }

  window.setInterval(poll, seconds * 1000);
})();
