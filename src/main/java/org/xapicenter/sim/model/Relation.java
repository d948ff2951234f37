package org.xapicenter.sim.model;

/**
 * A reference kept in step both ways: when {@code childClass.childField} points at a parent, the
 * parent's {@code parentSetField} lists the child (e.g. VBD.VM and VM.VBDs).
 */
public record Relation(String childClass, String childField, String parentClass, String parentSetField) {
}
