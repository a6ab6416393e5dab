//! Record ids: the rule every file name follows, and readable slugs made from titles.

/// The longest id allowed.
pub const MAX_LEN: usize = 80;

/// Checks an id: lowercase ASCII letters, digits and `-`, starting with a letter or digit, at most 80 characters.
pub fn validate(id: &str) -> Result<(), String> {
    let expected =
        "expected lowercase ASCII letters, digits and `-`, starting with a letter or digit, at most 80 characters";
    if id.is_empty() {
        return Err(format!("found an empty id, {expected}"));
    }
    if id.len() > MAX_LEN {
        return Err(format!("found {} characters, {expected}", id.chars().count()));
    }
    if let Some(bad) = id.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
        return Err(format!("found {}, {expected}", describe_char(bad)));
    }
    if id.starts_with('-') {
        return Err(format!("found a leading `-`, {expected}"));
    }
    Ok(())
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        c if c.is_ascii_uppercase() => format!("upper-case `{c}`"),
        c if c.is_ascii() && !c.is_ascii_control() => format!("`{c}`"),
        c => format!("the character U+{:04X}", c as u32),
    }
}

/// Whether `text` begins with a date (`YYYY-MM-DD`), as evidence ids do.
pub fn dated(text: &str) -> bool {
    text.get(..10).is_some_and(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
}

/// A readable slug of `text`: lowercase ASCII words joined by `-`, at most `max` characters, cut at a word.
/// Other scripts are transliterated first, after Unicode normalization (NFC), so that "Олена"
/// gives `olena` and "Café" gives `cafe` however its accent was typed. Never empty: text with no
/// letters or digits gives `item`.
pub fn slug(text: &str, max: usize) -> String {
    use unicode_normalization::UnicodeNormalization;
    let ascii = if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        let composed: String = text.nfc().collect();
        std::borrow::Cow::Owned(deunicode::deunicode(&composed))
    };
    let mut out = String::new();
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = word.to_ascii_lowercase();
        let extra = if out.is_empty() { word.len() } else { word.len() + 1 };
        if out.len() + extra > max {
            if out.is_empty() {
                out.push_str(&word[..max.min(word.len())]);
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    if out.is_empty() {
        out.push_str("item");
    }
    out
}

/// The number a tool-made id ends with when its name was taken (`-2`, `-10`), else 1: so that
/// `x-2` sorts before `x-10`.
pub fn suffix_number(id: &str) -> u32 {
    id.rsplit_once('-')
        .and_then(|(_, n)| (!n.starts_with('0')).then(|| n.parse::<u32>().ok()).flatten())
        .filter(|n| *n >= 2)
        .unwrap_or(1)
}

/// A person's name as an id: its slug, or for a name with no letter or digit in any script (an
/// `..`, `/`), `u` and its code points in hex (`/` → `u2f`), so that such names neither
/// vanish nor all share `item`.
pub fn name_slug(name: &str, max: usize) -> String {
    let plain = slug(name, max);
    if plain != "item" || name.trim().eq_ignore_ascii_case("item") {
        return plain;
    }
    let points: Vec<String> = name.trim().chars().map(|c| format!("{:x}", c as u32)).collect();
    let mut out = format!("u{}", points.join("-"));
    out.truncate(max);
    out.trim_end_matches('-').to_string()
}

/// A scenario typed as `ID=TITLE` (`init --scenario`): a valid id and a title that is not blank.
pub fn scenario_title(text: &str) -> Result<(String, String), crate::model::value::Invalid> {
    use crate::model::value::Invalid;
    let Some((id, title)) = text.split_once('=') else {
        return Err(Invalid::new(format!("found `{text}`, expected ID=TITLE such as `withdrawal=Withdrawal`")));
    };
    let id = id.trim();
    validate(id).map_err(|m| {
        Invalid::new(format!("invalid scenario id `{id}`: {m}")).with_hint(suggest(id).map(|s| format!("try `{s}`")))
    })?;
    if title.trim().is_empty() {
        return Err(Invalid::new(format!("scenario `{id}` has an empty title, expected ID=TITLE")));
    }
    Ok((id.to_string(), title.trim().to_string()))
}

/// A valid id close to an invalid one, to suggest as a new file name.
pub fn suggest(id: &str) -> Option<String> {
    let candidate = slug(id, MAX_LEN);
    (candidate != id && validate(&candidate).is_ok() && candidate != "item").then_some(candidate)
}

/// How alike two titles must be, as slugs, for items of nearby dates to be likely duplicates.
pub const SIMILAR: f64 = 0.8;

/// Whether two title slugs are alike (see `Title::alike`).
pub fn alike(a: &str, b: &str) -> bool {
    Title::of_slug(a.to_string()).alike(&Title::of_slug(b.to_string()))
}

/// A title as compared for likely duplicates: its slug, with what must match exactly worked out
/// once (its numbers, and whether it negates), so that comparing thousands costs little.
#[derive(Debug, Clone)]
pub struct Title {
    pub slug: String,
    numbers: String,
    negated: bool,
    /// How often each byte value of the slug's alphabet (`a`–`z`, `0`–`9`, `-`) occurs.
    letters: [u8; 37],
}

impl Title {
    pub fn of_slug(slug: String) -> Title {
        let numbers = numbers(&slug).join("-");
        let negated = negated(&slug);
        let mut letters = [0u8; 37];
        for b in slug.bytes() {
            let at = match b {
                b'a'..=b'z' => (b - b'a') as usize,
                b'0'..=b'9' => 26 + (b - b'0') as usize,
                _ => 36,
            };
            letters[at] = letters[at].saturating_add(1);
        }
        Title { slug, numbers, negated, letters }
    }

    /// A lower bound of the edits between two slugs, from their letters alone: each edit adds or
    /// removes at most one letter on each side, so no fewer edits than the larger surplus.
    fn fewest_edits(&self, other: &Title) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.letters.iter().zip(&other.letters) {
            more += a.saturating_sub(*b) as usize;
            fewer += b.saturating_sub(*a) as usize;
        }
        more.max(fewer)
    }

    /// Whether two titles are alike: a normalized Levenshtein similarity of their slugs of at
    /// least `SIMILAR` (see `within_edits`), unless they differ in a number or a negation
    /// (see `differ_in_substance`).
    pub fn alike(&self, other: &Title) -> bool {
        !self.slug.is_empty()
            && self.numbers == other.numbers
            && self.negated == other.negated
            && self.fewest_edits(other) <= self.slug.len().max(other.slug.len()) / 5
            && within_edits(&self.slug, &other.slug)
    }
}

/// Whether at most a fifth of the longer slug must be edited to turn one into the other: a
/// normalized Levenshtein similarity of at least `SIMILAR` (0.8), in whole edits. Slugs are ASCII,
/// so bytes are characters; the bounded bit-parallel distance stops once the bound is passed.
fn within_edits(a: &str, b: &str) -> bool {
    use rapidfuzz::distance::levenshtein;
    let bound = a.len().max(b.len()) / 5;
    a.len().abs_diff(b.len()) <= bound
        && levenshtein::distance_with_args(a.bytes(), b.bytes(), &levenshtein::Args::default().score_cutoff(bound))
            .is_some()
}

/// Words that turn a headline into its opposite.
const NEGATIONS: [&str; 7] = ["not", "no", "never", "without", "deny", "denies", "denied"];

/// Whether two slugs report different news however alike their letters: their numbers differ
/// ("turnout at 45%" and "at 54%"), or one negates ("ceasefire agreed", "ceasefire not agreed").
pub fn differ_in_substance(a: &str, b: &str) -> bool {
    numbers(a) != numbers(b) || negated(a) != negated(b)
}

/// The numbers among a slug's words, sorted.
fn numbers(slug: &str) -> Vec<&str> {
    let mut found: Vec<&str> =
        slug.split('-').filter(|w| !w.is_empty() && w.bytes().all(|c| c.is_ascii_digit())).collect();
    found.sort_unstable();
    found
}

/// Whether a slug has a word of negation.
fn negated(slug: &str) -> bool {
    slug.split('-').any(|w| NEGATIONS.contains(&w))
}

/// How alike a title's slug is to an evidence id's title part (the id without its date, which may
/// end in an author and a clone token): the best normalized Levenshtein similarity between the
/// slug and the id's first words, so that what the id adds after its title does not count.
pub fn title_similarity(slug: &str, id_rest: &str) -> f64 {
    let words: Vec<&str> = id_rest.split('-').collect();
    (1..=words.len())
        .map(|n| words[..n].join("-"))
        .filter(|prefix| !differ_in_substance(slug, prefix))
        .map(|prefix| rapidfuzz::distance::levenshtein::normalized_similarity(slug.chars(), prefix.chars()))
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_compared_by_its_title_words_alone() {
        let slug = slug("Russian MoD claims full blockade", 60);
        assert_eq!(title_similarity(&slug, "russian-mod-claims-full-blockade-olena-k7q2"), 1.0);
        assert!(title_similarity(&slug, "russian-mod-claims-a-full-blockade-marko-x9t1") >= SIMILAR);
        assert!(title_similarity(&slug, "deepstate-lines-still-open-olena-k7q2") < 0.5);
    }

    #[test]
    fn alike_is_a_fifth_of_the_longer_slug_in_edits() {
        // 10 characters: 2 edits are alike (similarity 0.8), 3 are not.
        assert!(within_edits("abcdefghij", "abcdefghXY"));
        assert!(!within_edits("abcdefghij", "abcdefgXYZ"));
        assert!(within_edits("abcdefghij", "abcdefgh"), "two deletions");
        assert!(!within_edits("abcdefghij", "abcdefg"));
        let base = "russian-mod-claims-full-blockade-of-the-city";
        for cut in 0..base.len() {
            let other = format!("{}{}", &base[..cut], &base[cut.min(base.len())..].replacen('-', "_", 3));
            let d = rapidfuzz::distance::levenshtein::distance(base.bytes(), other.bytes());
            assert_eq!(within_edits(base, &other), 5 * d <= base.len().max(other.len()), "{other}");
        }
    }

    #[test]
    fn titles_that_differ_in_a_number_or_a_negation_are_not_alike() {
        assert!(alike("ceasefire-agreed-in-geneva", "ceasefire-agreed-in-geneva-talks"));
        assert!(!alike("ceasefire-agreed-in-geneva", "ceasefire-not-agreed-in-geneva"));
        assert!(!alike("turnout-at-45-percent", "turnout-at-54-percent"));
        assert!(alike("turnout-at-45-percent", "turnout-at-45-per-cent"));
        assert!(title_similarity("turnout-at-45-percent", "turnout-at-54-percent-ann-k7q2") < SIMILAR);
    }

    #[test]
    fn accepts_plain_ids() {
        assert!(validate("2025-11-12-isw-control-estimate").is_ok());
        assert!(validate("a").is_ok());
    }

    #[test]
    fn refuses_bad_ids() {
        for bad in ["", "..", ".git", "Upper", "with space", "-lead", "рokrovsk", &"a".repeat(81)] {
            assert!(validate(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn slugs_are_valid_and_plain() {
        assert_eq!(
            slug("ISW: Russian forces control ~46% of Pokrovsk", 80),
            "isw-russian-forces-control-46-of-pokrovsk"
        );
        assert_eq!(slug("../../x", 80), "x");
        assert_eq!(slug("", 80), "item");
        assert_eq!(slug("Олена", 80), "olena");
        assert_eq!(name_slug("🙂", 40), "slight-smile");
        assert_eq!(name_slug("/", 40), "u2f");
        assert_eq!(name_slug("..", 40), "u2e-2e");
        assert_eq!(name_slug("Jane Doe", 40), "jane-doe");
        assert!(validate(&name_slug(&"🙂".repeat(30), 40)).is_ok());
        assert_eq!(slug("Марко", 80), "marko");
        assert_eq!(slug("Café", 80), slug("Cafe\u{301}", 80), "NFC and NFD give one id");
        assert_eq!(slug("Café", 80), "cafe");
        assert_eq!(slug("Захоплення дороги на Павлоград", 80), "zakhoplennia-dorogi-na-pavlograd");
        assert_eq!(slug("alpha beta gamma", 10), "alpha-beta");
        assert!(validate(&slug(&"z".repeat(300), 50)).is_ok());
    }
}
