package org.secc.app.grid;

/** IEEE 1547-2018 abnormal performance category. */
public enum Category {
    I, II, III
}
