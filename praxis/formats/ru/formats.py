# A day and its month read "10 марта": the month in the genitive (E), as in the full date.
MONTH_DAY_FORMAT = "j E"
