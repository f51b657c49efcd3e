package dev.confnotes.talks;

import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/talks")
class TalkApiController {

    private final Catalog catalog;

    private final MarkdownRenderer renderer;

    TalkApiController(Catalog catalog, MarkdownRenderer renderer) {
        this.catalog = catalog;
        this.renderer = renderer;
    }

    @GetMapping
    List<TalkSummary> talks() {
        return catalog.talks().stream().map(TalkSummary::of).toList();
    }

    @GetMapping("/{slug}")
    TalkDetail talk(@PathVariable String slug) {
        Talk talk = catalog.find(slug).orElseThrow(() -> TalkController.notFound("talk"));
        RenderedNotes notes = renderer.render(talk);
        return new TalkDetail(TalkSummary.of(talk), talk.getBody(), notes.html(), notes.toc(),
                TalkController.linksOf(talk, notes), catalog.previous(talk).map(Talk::getSlug).orElse(null),
                catalog.next(talk).map(Talk::getSlug).orElse(null),
                catalog.related(talk, TalkController.RELATED_LIMIT).stream().map(Talk::getSlug).toList());
    }

    record TalkSummary(String slug, String title, String speaker, String company, LocalDate date, int day, int order,
            List<String> tags, List<String> demos, String url) {

        static TalkSummary of(Talk talk) {
            return new TalkSummary(talk.getSlug(), talk.getTitle(), talk.getSpeaker(), talk.getCompany(),
                    talk.getDate(), talk.getDay(), talk.getOrder(), List.copyOf(talk.getTags()),
                    List.copyOf(talk.getDemos()), "/talks/" + talk.getSlug());
        }
    }

    record TalkDetail(TalkSummary talk, String markdown, String html, List<RenderedNotes.Heading> toc,
            List<TalkLink> links, String previous, String next, List<String> related) {
    }
}
