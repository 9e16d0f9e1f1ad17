(function () {
  const list = document.getElementById("orders");
  fetch("http://localhost:8080/orders")
    .then((r) => r.json())
    .then((orders) => { list.textContent = orders.length; });
})();
