package dev.confnotes.system;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The page's language from the {@code confnotes-lang} cookie, narrowed to the languages the site has.
 * Whatever else a client sends (a cookie that is no language tag, or a language the site lacks) is Korean:
 * only Korean and English ever reach a template or a cache key, so made-up values can neither fail a page
 * nor fill the page cache with copies.
 */
public final class SiteLocaleResolver extends CookieLocaleResolver {

    static final List<String> LANGUAGES = List.of("ko", "en");

    /** The cookie that remembers the reader's language: {@code ko} or {@code en}, as this resolver writes it. */
    public static final String COOKIE = "confnotes-lang";

    SiteLocaleResolver() {
        super(COOKIE);
        setDefaultLocale(Locale.KOREAN);
        setCookieMaxAge(Duration.ofDays(365));
    }

    /**
     * The language a cookie value names, where it is one this resolver writes ({@code ko}, {@code en}); null
     * for anything else, which only {@link #resolveLocale} itself may judge.
     */
    public static Locale ofCookieValue(String value) {
        return value != null && LANGUAGES.contains(value) ? Locale.of(value) : null;
    }

    static Locale supported(Locale locale) {
        return locale != null && LANGUAGES.contains(locale.getLanguage()) ? Locale.of(locale.getLanguage()) : Locale.KOREAN;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        try {
            return supported(super.resolveLocale(request));
        }
        catch (RuntimeException ex) {
            return Locale.KOREAN;
        }
    }

    @Override
    public LocaleContext resolveLocaleContext(HttpServletRequest request) {
        return new SimpleLocaleContext(resolveLocale(request));
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        super.setLocale(request, response, locale == null ? null : supported(locale));
    }
}
