# Django's Hindi catalogue gives a.m. and p.m. the same word, so the 24-hour clock is used.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
