//! A query's answer: whole (rows, a boolean or triples), or as the parts it is read in, so that
//! an answer can be written while it is read and a backend that reads parts can still answer
//! whole.

use crate::error::{Error, Result};
use oxigraph::model::{Term, Triple};

/// A query's answer, read to the end.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Solutions {
        variables: Vec<String>,
        rows: Vec<Vec<Option<Term>>>,
    },
    Boolean(bool),
    Graph(Vec<Triple>),
}

impl Answer {
    /// The terms bound in a SELECT's rows (none for ASK and graphs).
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        let rows = match self {
            Answer::Solutions { rows, .. } => rows.as_slice(),
            _ => &[],
        };
        rows.iter().flatten().flatten()
    }
}

/// A piece of an answer as it is read: a SELECT's variables then its rows, an ASK's value, or
/// the start of a graph then its triples. Lets an answer be written while it is read, without
/// keeping it (a server streaming a large answer).
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    Solutions(&'a [String]),
    Row(&'a [Option<Term>]),
    Boolean(bool),
    Graph,
    Triple(&'a Triple),
}

impl Answer {
    /// Hands the answer to `each` part by part, as a streamed one would come.
    pub fn each(&self, each: &mut dyn FnMut(Part<'_>) -> Result<()>) -> Result<()> {
        match self {
            Answer::Boolean(b) => each(Part::Boolean(*b)),
            Answer::Solutions { variables, rows } => {
                each(Part::Solutions(variables))?;
                rows.iter().try_for_each(|row| each(Part::Row(row)))
            }
            Answer::Graph(triples) => {
                each(Part::Graph)?;
                triples.iter().try_for_each(|t| each(Part::Triple(t)))
            }
        }
    }

    /// The answer that `read` hands over part by part, kept whole: the inverse of
    /// [`Answer::each`], for a backend that reads its answers as parts.
    pub fn gather(
        read: impl FnOnce(&mut dyn FnMut(Part<'_>) -> Result<()>) -> Result<()>,
    ) -> Result<Answer> {
        let mut answer = None;
        read(&mut |part| {
            match (part, &mut answer) {
                (Part::Boolean(b), None) => answer = Some(Answer::Boolean(b)),
                (Part::Solutions(variables), None) => {
                    answer = Some(Answer::Solutions {
                        variables: variables.to_vec(),
                        rows: Vec::new(),
                    })
                }
                (Part::Row(row), Some(Answer::Solutions { rows, .. })) => rows.push(row.to_vec()),
                (Part::Graph, None) => answer = Some(Answer::Graph(Vec::new())),
                (Part::Triple(t), Some(Answer::Graph(triples))) => triples.push(t.clone()),
                _ => {
                    return Err(Error::Internal(
                        "an answer's parts came out of order".into(),
                    ));
                }
            }
            Ok(())
        })?;
        answer.ok_or_else(|| Error::Internal("an answer with no parts".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    #[test]
    fn an_answer_gathered_from_its_parts_is_the_answer_that_gave_them() {
        let a = Term::from(NamedNode::new("http://x.org/a").unwrap());
        let answers = [
            Answer::Solutions {
                variables: vec!["x".into(), "y".into()],
                rows: vec![vec![Some(a.clone()), None], vec![None, Some(a)]],
            },
            Answer::Boolean(true),
            Answer::Graph(vec![Triple::new(
                NamedNode::new("http://x.org/s").unwrap(),
                NamedNode::new("http://x.org/p").unwrap(),
                Literal::from("o"),
            )]),
        ];
        for answer in answers {
            assert_eq!(Answer::gather(|each| answer.each(each)).unwrap(), answer);
        }
        // A row before its header is refused, not guessed at.
        let row = [None];
        assert!(Answer::gather(|each| each(Part::Row(&row))).is_err());
        assert!(Answer::gather(|_| Ok(())).is_err());
    }
}
