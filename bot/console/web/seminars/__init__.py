"""The seminars in the browser: the list, one seminar's card with its roster, attendance,
waitlist and feedback, the check-in QR to print, its report and XLSX."""
