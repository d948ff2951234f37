package org.xapicenter.ui.perf.chartfx;

import io.fair_acc.chartfx.axes.AxisLabelFormatter;
import io.fair_acc.chartfx.axes.TickUnitSupplier;
import io.fair_acc.dataset.spi.fastutil.DoubleArrayList;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The part ChartFX asks of every axis label formatter that ours answer the same way: labels are never
 * edited, the tick unit supplier is a plain property, and a label depends on its value (and what the
 * subclass was told), not on the ticks that happen to fit.
 */
abstract class ReadOnlyAxisLabels implements AxisLabelFormatter {
    protected final ObjectProperty<TickUnitSupplier> ticks;

    protected ReadOnlyAxisLabels(TickUnitSupplier supplier) {
        ticks = new SimpleObjectProperty<>(supplier);
    }

    @Override
    public Number fromString(String text) {
        throw new UnsupportedOperationException("axis labels are not edited");
    }

    @Override
    public TickUnitSupplier getTickUnitSupplier() {
        return ticks.get();
    }

    @Override
    public void setTickUnitSupplier(TickUnitSupplier supplier) {
        ticks.set(supplier);
    }

    @Override
    public ObjectProperty<TickUnitSupplier> tickUnitSupplierProperty() {
        return ticks;
    }

    @Override
    public void updateFormatter(DoubleArrayList tickValues, double unitScaling) {
        // labels follow the value, not the ticks chosen for this layout
    }
}
