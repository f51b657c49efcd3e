package dev.confnotes.talks;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.commonmark.renderer.html.UrlSanitizer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.springframework.stereotype.Component;

/**
 * Renders notes as GitHub-flavoured Markdown (tables, strikethrough, autolinks, heading anchors).
 * Raw HTML is escaped, never passed through, and only http, https and mailto links and in-page
 * anchors survive: the notes are the user's text, and the page must not run anything from it.
 * Results are cached by content hash, so an edited talk is rendered again and an unchanged one never is.
 */
@Component
public class MarkdownRenderer {

    private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");

    private static final int CACHE_LIMIT = 20_000;

    private final List<Extension> extensions = List.of(TablesExtension.create(), StrikethroughExtension.create(),
            AutolinkExtension.create());

    private final Parser parser = Parser.builder().extensions(extensions).build();

    private final Map<String, RenderedNotes> cache = new ConcurrentHashMap<>();

    public RenderedNotes render(Talk talk) {
        String key = talk.getSlug() + ":" + talk.getContentHash();
        RenderedNotes cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        RenderedNotes rendered = render(talk.getBody());
        cache.put(key, rendered);
        return rendered;
    }

    public RenderedNotes render(String markdown) {
        Node document = parser.parse(markdown == null ? "" : markdown);
        Map<Heading, String> anchors = new IdentityHashMap<>();
        List<RenderedNotes.Heading> toc = new ArrayList<>();
        IdGenerator ids = IdGenerator.builder().defaultId("section").build();
        Map<String, TalkLink> links = new LinkedHashMap<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                String text = plainText(heading).strip();
                String anchor = ids.generateId(text);
                anchors.put(heading, anchor);
                toc.add(new RenderedNotes.Heading(heading.getLevel(), text, anchor));
            }

            @Override
            public void visit(Link link) {
                String url = link.getDestination();
                if (isWebLink(url)) {
                    String text = plainText(link).strip();
                    links.putIfAbsent(url, new TalkLink(text.isEmpty() ? url : text, url));
                }
                visitChildren(link);
            }
        });
        HtmlRenderer html = HtmlRenderer.builder()
            .extensions(extensions)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new SafeUrls())
            .nodeRendererFactory(context -> new HeadingWithPermalink(context, anchors))
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Heading heading && anchors.containsKey(heading)) {
                    attributes.put("id", anchors.get(heading));
                }
                if (node instanceof Link && isWebLink(attributes.get("href"))) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
            })
            .build();
        return new RenderedNotes(html.render(document), List.copyOf(toc), List.copyOf(links.values()),
                sections(document, anchors));
    }

    private static List<RenderedNotes.Section> sections(Node document, Map<Heading, String> anchors) {
        TextContentRenderer text = TextContentRenderer.builder().build();
        List<RenderedNotes.Section> sections = new ArrayList<>();
        String anchor = "";
        String heading = "";
        StringBuilder current = new StringBuilder();
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading h) {
                if (!current.isEmpty() || !heading.isEmpty()) {
                    sections.add(new RenderedNotes.Section(anchor, heading, current.toString().strip()));
                }
                anchor = anchors.get(h);
                heading = plainText(h).strip();
                current.setLength(0);
            }
            else {
                current.append(text.render(node)).append('\n');
            }
        }
        if (!current.isEmpty() || !heading.isEmpty()) {
            sections.add(new RenderedNotes.Section(anchor, heading, current.toString().strip()));
        }
        return List.copyOf(sections);
    }

    static String plainText(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                out.append(' ');
            }

            @Override
            public void visit(HardLineBreak hardLineBreak) {
                out.append(' ');
            }
        });
        return out.toString();
    }

    static boolean isWebLink(String url) {
        String scheme = schemeOf(url);
        return "http".equals(scheme) || "https".equals(scheme);
    }

    /** The scheme as a browser would read it: control characters and blanks inside it are ignored. */
    private static String schemeOf(String url) {
        if (url == null) {
            return null;
        }
        Matcher scheme = SCHEME.matcher(url.replaceAll("[\\p{Cntrl}\\s]", ""));
        return scheme.find() ? scheme.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /**
     * A heading followed by a link to itself ({@code #}, shown on hover and focus), so a reader can copy
     * the address of a section. Its name is "§" and the heading's text: no words of one language, since a
     * rendering is kept for every language of the page.
     */
    private static final class HeadingWithPermalink implements NodeRenderer {

        private final HtmlNodeRendererContext context;

        private final HtmlWriter html;

        private final Map<Heading, String> anchors;

        HeadingWithPermalink(HtmlNodeRendererContext context, Map<Heading, String> anchors) {
            this.context = context;
            this.html = context.getWriter();
            this.anchors = anchors;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Heading.class);
        }

        @Override
        public void render(Node node) {
            Heading heading = (Heading) node;
            String tag = "h" + heading.getLevel();
            html.line();
            html.tag(tag, context.extendAttributes(heading, tag, Map.of()));
            for (Node child = heading.getFirstChild(); child != null; child = child.getNext()) {
                context.render(child);
            }
            String anchor = anchors.get(heading);
            if (anchor != null) {
                Map<String, String> link = new LinkedHashMap<>();
                link.put("class", "heading-anchor");
                link.put("href", "#" + anchor);
                link.put("aria-label", "§ " + plainText(heading).strip());
                html.tag("a", link);
                html.text("#");
                html.tag("/a");
            }
            html.tag("/" + tag);
            html.line();
        }
    }

    /** Keeps web, mail and in-page links; anything else (javascript:, data:, vbscript:, ...) becomes empty. */
    private static final class SafeUrls implements UrlSanitizer {

        @Override
        public String sanitizeLinkUrl(String url) {
            String scheme = schemeOf(url);
            return scheme == null || SAFE_SCHEMES.contains(scheme) ? url : "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            String scheme = schemeOf(url);
            return "http".equals(scheme) || "https".equals(scheme) ? url : "";
        }

    }
}
