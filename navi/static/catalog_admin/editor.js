// The condition editor: a row's value choices depend on its fact and operator, so changing either re-draws
// the form (saving nothing) and comes back to that row. Without script, 「条件の表示を更新」 does the same.
document.addEventListener("change", (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement) || !select.hasAttribute("data-refresh") || !select.form) {
    return;
  }
  const action = document.createElement("input");
  action.type = "hidden";
  action.name = "cond_action";
  action.value = "refresh";
  select.form.appendChild(action);
  select.form.action = `${window.location.pathname}#${select.id}`;
  select.form.submit();
});
