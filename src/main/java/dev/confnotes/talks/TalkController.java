package dev.confnotes.talks;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

@Controller
class TalkController {

    static final String VIEW_HOME = "talks/home";

    static final String VIEW_TALK = "talks/talk";

    static final String VIEW_TAGS = "talks/tags";

    static final String VIEW_TAG = "talks/tag";

    static final String VIEW_FOLLOW_UPS = "talks/follow-ups";

    static final int RELATED_LIMIT = 4;

    private final Catalog catalog;

    private final MarkdownRenderer renderer;

    private final FollowUpFinder followUps;

    private final DemoPanels panels;

    TalkController(Catalog catalog, MarkdownRenderer renderer, FollowUpFinder followUps,
            ObjectProvider<DemoPanels> panels) {
        this.catalog = catalog;
        this.renderer = renderer;
        this.followUps = followUps;
        this.panels = panels.getIfAvailable(() -> DemoPanels.NONE);
    }

    @GetMapping("/")
    String home(Model model) {
        List<Talk> talks = catalog.talks();
        model.addAttribute("conference", catalog.conference());
        model.addAttribute("days", catalog.days());
        model.addAttribute("talkCount", talks.size());
        model.addAttribute("demoCount", talks.stream().mapToLong(t -> t.getDemos().size()).sum());
        return VIEW_HOME;
    }

    @GetMapping("/talks/{slug}")
    String talk(@PathVariable String slug, Model model) {
        Talk talk = catalog.find(slug).orElseThrow(() -> notFound("talk"));
        RenderedNotes notes = renderer.render(talk);
        model.addAttribute("talk", talk);
        model.addAttribute("notes", notes);
        model.addAttribute("links", linksOf(talk, notes));
        model.addAttribute("previous", catalog.previous(talk).orElse(null));
        model.addAttribute("next", catalog.next(talk).orElse(null));
        model.addAttribute("related", catalog.related(talk, RELATED_LIMIT));
        model.addAttribute("followUps", followUps.in(talk));
        model.addAttribute("demos", talk.getDemos().stream()
            .map(id -> new DemoPanels.TalkDemo(id, panels.panel(id).orElse(null)))
            .toList());
        return VIEW_TALK;
    }

    @GetMapping("/tags")
    String tags(Model model) {
        model.addAttribute("tags", catalog.tags());
        return VIEW_TAGS;
    }

    @GetMapping("/tags/{tag}")
    String tag(@PathVariable String tag, Model model) {
        List<Talk> tagged = catalog.taggedWith(tag);
        if (tagged.isEmpty()) {
            throw notFound("tag");
        }
        model.addAttribute("tag", tag);
        model.addAttribute("talks", tagged);
        return VIEW_TAG;
    }

    @GetMapping("/follow-ups")
    String followUps(Model model) {
        List<FollowUp> all = followUps.all();
        model.addAttribute("total", all.size());
        model.addAttribute("answered", all.stream().filter(FollowUp::answered).toList());
        model.addAttribute("open", all.stream().filter(followUp -> !followUp.answered()).toList());
        return VIEW_FOLLOW_UPS;
    }

    /** Front-matter links first, then the links in the notes that are not already listed. */
    static List<TalkLink> linksOf(Talk talk, RenderedNotes notes) {
        List<String> listed = talk.getLinks().stream().map(TalkLink::url).toList();
        return Stream.concat(talk.getLinks().stream(), notes.links().stream().filter(l -> !listed.contains(l.url())))
            .toList();
    }

    static ResponseStatusException notFound(String what) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such " + what);
    }
}
