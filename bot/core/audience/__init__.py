"""The audience selector shared by broadcasts, seminars and competitions: who a message or an event
is for.
"""
