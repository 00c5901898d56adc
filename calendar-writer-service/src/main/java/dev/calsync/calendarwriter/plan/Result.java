package dev.calsync.calendarwriter.plan;

/** What one change did; UNCHANGED is a skip (older or equal version, same content) that cost no Google call. */
public enum Result { ADDED, CHANGED, DELETED, UNCHANGED, FEED_REMOVED }
