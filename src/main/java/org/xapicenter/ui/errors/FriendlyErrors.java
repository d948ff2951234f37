package org.xapicenter.ui.errors;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.UnaryOperator;
import org.xapicenter.xapi.ErrorTexts;

/**
 * The window's entry point to the friendly error sentences. The sentences and their rules live in
 * {@link ErrorTexts} (outside ui, so that the command line says exactly the same thing); this class
 * only keeps the name the ui code knows.
 */
public final class FriendlyErrors {
    static final String BUNDLE = ErrorTexts.BUNDLE;
    private static final FriendlyErrors DEFAULT = new FriendlyErrors(ErrorTexts.get());

    private final ErrorTexts texts;

    public FriendlyErrors(ResourceBundle bundle) {
        this(new ErrorTexts(bundle));
    }

    private FriendlyErrors(ErrorTexts texts) {
        this.texts = texts;
    }

    public static FriendlyErrors get() {
        return DEFAULT;
    }

    public static FriendlyErrors forLocale(Locale locale) {
        return new FriendlyErrors(ErrorTexts.forLocale(locale));
    }

    /** The sentence for {@code code} with its parameters; refs stay as they are. */
    public String format(String code, List<String> params) {
        return texts.format(code, params);
    }

    /** See {@link ErrorTexts#format(String, List, UnaryOperator)}. */
    public String format(String code, List<String> params, UnaryOperator<String> names) {
        return texts.format(code, params, names);
    }

    /** A failure as {@code error_info} carries it: {@code [code, params...]}. */
    public String formatErrorInfo(List<String> errorInfo, UnaryOperator<String> names) {
        return texts.formatErrorInfo(errorInfo, names);
    }

    /** Any exception a call can raise, as a sentence; never a stack trace. */
    public String describe(Throwable error) {
        return texts.describe(error);
    }

    public String describe(Throwable error, UnaryOperator<String> names) {
        return texts.describe(error, names);
    }
}
