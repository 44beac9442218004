# Vietnamese writes a date in running text as "ngày 20 tháng 12 năm 2026": every word in lower
# case, the month as "tháng" and its number. Django's own formats begin the date with a capital
# ("Ngày"), which reads wrongly after a weekday or mid-sentence, and name the month by the
# catalogue's capitalised "Tháng 12" where a day or a year goes with it ("20 Tháng 12").
DATE_FORMAT = r"\n\gà\y j \t\há\n\g n \nă\m Y"
DATETIME_FORMAT = r"H:i \n\gà\y j \t\há\n\g n \nă\m Y"
MONTH_DAY_FORMAT = r"\n\gà\y j \t\há\n\g n"
# A month and its year are shown only as the heading of that month, which begins with a capital.
YEAR_MONTH_FORMAT = r"\T\há\n\g n \nă\m Y"
# In figures, a date is written day, month and year with slashes ("20/12/2026"), as on forms and
# documents in Viet Nam; Django's own formats use hyphens.
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
