// Inside Telegram the console opens as a Mini App: Telegram puts the signed launch data in the
// address's fragment (tgWebAppData). It is posted once to the server, which checks its signature.
(function () {
  var params = new URLSearchParams(window.location.hash.slice(1));
  var data = params.get("tgWebAppData");
  if (!data) { return; }
  document.getElementById("init-data").value = data;
  document.getElementById("webapp").submit();
})();
