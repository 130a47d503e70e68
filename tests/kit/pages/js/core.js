// The page's own application script (not the TWT SDK).
document.addEventListener('DOMContentLoaded', function () {
  document.getElementById('app').textContent = 'app ready'
})
