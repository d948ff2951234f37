package org.xapicenter.sim.model;

/**
 * One field of a XAPI class.
 *
 * @param writable    a {@code set_<field>} message exists
 * @param mapMutable  {@code add_to_<field>}/{@code remove_from_<field>} exist
 * @param setMutable  {@code add_<field>}/{@code remove_<field>} exist
 */
public record FieldDef(String name, FieldType type, boolean writable, boolean mapMutable, boolean setMutable,
                       Object defaultValue) {
}
