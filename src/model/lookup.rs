//! Finding a record by the id a person typed: the exact id, else a unique prefix (as git does for
//! hashes), else a refusal that names the candidates or the closest id.

use super::value::did_you_mean;

/// Why an id typed by a person names no single record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    pub message: String,
    pub hint: String,
}

impl From<NotFound> for crate::error::Error {
    fn from(e: NotFound) -> Self {
        crate::error::Error::Refused { message: e.message, hint: e.hint }
    }
}

/// How many candidates an ambiguous prefix lists.
const LISTED: usize = 8;

/// The one id among `ids` that `typed` names: equal to it, or the only one starting with it.
/// `kind` names the records in messages (`evidence`, `scenario`); `listing` says where to find ids.
pub fn find<'a>(
    kind: &str,
    typed: &str,
    ids: impl Iterator<Item = &'a str> + Clone,
    listing: &str,
) -> Result<&'a str, NotFound> {
    if let Some(exact) = ids.clone().find(|id| *id == typed) {
        return Ok(exact);
    }
    let matches: Vec<&str> =
        if typed.is_empty() { Vec::new() } else { ids.clone().filter(|id| id.starts_with(typed)).collect() };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(NotFound {
            message: format!("no {kind} with id `{typed}`"),
            hint: did_you_mean(typed, ids).unwrap_or_else(|| format!("list the ids with `{listing}`")),
        }),
        many => {
            let mut shown: Vec<String> = many.iter().take(LISTED).map(|id| format!("`{id}`")).collect();
            if many.len() > LISTED {
                shown.push(format!("and {} more", many.len() - LISTED));
            }
            Err(NotFound {
                message: format!("`{typed}` is the start of {} {kind} ids", many.len()),
                hint: format!("type more of the id: {}", shown.join(", ")),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 4] = ["2025-11-03-road", "2025-11-04-claim", "2025-11-04-clearing", "withdrawal"];

    fn lookup(typed: &str) -> Result<&'static str, NotFound> {
        find("evidence", typed, IDS.iter().copied(), "forecast evidence list")
    }

    #[test]
    fn exact_then_unique_prefix() {
        assert_eq!(lookup("withdrawal"), Ok("withdrawal"));
        assert_eq!(lookup("2025-11-03"), Ok("2025-11-03-road"));
        assert_eq!(lookup("2025-11-04-cla"), Ok("2025-11-04-claim"));
    }

    #[test]
    fn ambiguous_prefixes_list_the_candidates() {
        let e = lookup("2025-11-04").unwrap_err();
        assert_eq!(e.message, "`2025-11-04` is the start of 2 evidence ids");
        assert!(e.hint.contains("`2025-11-04-claim`, `2025-11-04-clearing`"), "{}", e.hint);
    }

    #[test]
    fn misses_suggest_the_closest() {
        let e = lookup("withdrawl").unwrap_err();
        assert_eq!(e.hint, "did you mean `withdrawal`?");
        assert!(lookup("").is_err());
    }
}
