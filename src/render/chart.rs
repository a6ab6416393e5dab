//! The chart as SVG, drawn with plotters: step lines per scenario, the week shaded, evidence marks, legend.

use crate::model::text;
use crate::report::chart::{Chart, EventKind};
use plotters::prelude::*;

/// How many evidence ticks are drawn side by side before more share a place.
const SIDE_BY_SIDE: usize = 50;

const WIDTH: u32 = 960;
const HEIGHT: u32 = 440;
/// The legend's width, to the right of the plot.
const LEGEND: u32 = 250;
/// The evidence strip sits below 0%, from this value to `STRIP_TOP`.
const STRIP_LOW: f64 = -0.09;
const STRIP_TOP: f64 = -0.015;
/// Okabe and Ito's colours, which readers with any common colour blindness tell apart, in an
/// order that keeps the first five far from each other.
const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(230, 159, 0),
    RGBColor(0, 0, 0),
    RGBColor(153, 153, 153),
];
const SHADE: RGBColor = RGBColor(255, 235, 160);
const EVIDENCE: RGBColor = RGBColor(70, 70, 70);
const RETRACTED: RGBColor = RGBColor(200, 30, 30);

/// Draws the chart; errors only if plotters fails to lay it out.
pub fn svg(chart: &Chart) -> Result<String, String> {
    to_svg((WIDTH, HEIGHT), |root| draw(root, chart))
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type Drawn<'a> = Result<(), DrawingAreaErrorKind<<SVGBackend<'a> as DrawingBackend>::ErrorType>>;

/// Draws into an SVG of `size` pixels; errors only if plotters fails to lay it out.
fn to_svg(size: (u32, u32), draw: impl for<'a> FnOnce(&Area<'a>) -> Drawn<'a>) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw(&root).map_err(|e| format!("cannot draw the chart: {e}"))?;
        root.present().map_err(|e| format!("cannot draw the chart: {e}"))?;
    }
    Ok(out + "\n")
}

/// The legend of the calibration chart, boxed, in the upper left.
fn legend<'a, DB: DrawingBackend + 'a>(
    ctx: &mut ChartContext<
        'a,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    ctx.configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .draw()
}

/// How each kind of event is drawn: its colour and name in the legend.
fn event_style(kind: EventKind) -> (RGBColor, &'static str) {
    match kind {
        EventKind::Retraction => (RETRACTED, "evidence retracted"),
        EventKind::Added => (RGBColor(40, 140, 60), "scenario added"),
        EventKind::Retired => (RGBColor(120, 120, 120), "scenario retired"),
        EventKind::Resolution => (BLACK, "question resolved"),
    }
}

/// An event's mark: a symbol at the top of its vertical line.
fn event_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    kind: EventKind,
    at: (i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (color, _) = event_style(kind);
    match kind {
        EventKind::Retraction => area.draw(&Cross::new(at, 5, color.stroke_width(2))),
        EventKind::Added => area.draw(&TriangleMarker::new(at, 6, color.filled())),
        EventKind::Retired => area.draw(&Rectangle::new([(at.0 - 4, at.1 - 4), (at.0 + 4, at.1 + 4)], color.filled())),
        EventKind::Resolution => area.draw(&Circle::new(at, 5, color.filled())),
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &Chart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (plot, side) = root.split_horizontally(WIDTH - LEGEND);
    let day = |d: chrono::NaiveDate| d.format("%-d %b %Y").to_string();
    let caption = format!(
        "{}: {}, {} to {}",
        text::line(&chart.title),
        text::line(&chart.whose),
        day(chart.start),
        day(chart.end)
    );
    let mut ctx = ChartBuilder::on(&plot)
        .caption(clipped(&caption, 80), ("sans-serif", 19))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .build_cartesian_2d(0.0..chart.days, STRIP_LOW..1.0)?;
    let start = chart.start;
    let short = chart.days < 4.0;
    ctx.configure_mesh()
        .disable_mesh()
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 14))
        .y_desc("probability")
        .y_labels(12)
        .y_label_formatter(&|y| if *y < -1e-9 { String::new() } else { format!("{:.0}%", y * 100.0) })
        .x_labels(8)
        .x_label_formatter(&|x| {
            let at = start.and_hms_opt(0, 0, 0).unwrap_or_default() + chrono::Duration::seconds((x * 86_400.0) as i64);
            // Over a few days, the hour tells the labels apart.
            at.format(if short { "%-d %b %H:%M" } else { "%-d %b" }).to_string()
        })
        .draw()?;
    let days = chart.days;
    for y in [0.2, 0.4, 0.6, 0.8, 1.0] {
        ctx.draw_series(std::iter::once(PathElement::new(vec![(0.0, y), (days, y)], BLACK.mix(0.12))))?;
    }
    if let Some((from, to)) = chart.shade {
        ctx.draw_series(std::iter::once(Rectangle::new([(from, 0.0), (to, 1.0)], SHADE.mix(0.5).filled())))?;
    }
    ctx.draw_series(std::iter::once(Rectangle::new([(0.0, STRIP_LOW), (days, STRIP_TOP)], BLACK.mix(0.05).filled())))?;
    // Items logged within a pixel or two of each other are drawn side by side, not on one tick,
    // up to `SIDE_BY_SIDE` of them; more share the last place, so a busy day stays where it was.
    let apart = days / 300.0;
    // Placed ticks by position in millionths of a day, so that a neighbour is found in log time.
    let key = |x: f64| (x * 1e6).round() as i64;
    let near = key(apart) - 1;
    let mut placed: std::collections::BTreeSet<i64> = std::collections::BTreeSet::new();
    let ticks: Vec<(f64, bool)> = chart
        .evidence
        .iter()
        .map(|(x, retracted)| {
            let mut at = *x;
            for _ in 0..SIDE_BY_SIDE {
                if placed.range(key(at) - near..=key(at) + near).next().is_none() {
                    break;
                }
                at += apart;
            }
            placed.insert(key(at));
            (at, *retracted)
        })
        .collect();
    ctx.draw_series(ticks.iter().map(|(x, retracted)| {
        let color = if *retracted { RETRACTED } else { EVIDENCE };
        PathElement::new(vec![(*x, STRIP_LOW + 0.01), (*x, STRIP_TOP - 0.01)], color.stroke_width(2))
    }))?;
    for event in &chart.events {
        let (color, _) = event_style(event.kind);
        let width = if event.kind == EventKind::Resolution { 2 } else { 1 };
        ctx.draw_series(std::iter::once(PathElement::new(
            vec![(event.x, 0.0), (event.x, 1.0)],
            color.mix(0.6).stroke_width(width),
        )))?;
    }
    for (i, series) in chart.series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        for run in &series.runs {
            ctx.draw_series(LineSeries::new(run.iter().copied(), color.stroke_width(3)))?;
        }
    }
    let area = ctx.plotting_area().strip_coord_spec();
    let ranged = ctx.plotting_area();
    // Marks at the same place stack downwards instead of hiding each other.
    let mut placed: Vec<i32> = Vec::new();
    for event in &chart.events {
        let (x, y) = ranged.map_coordinate(&(event.x, 1.0));
        let offset = area.get_base_pixel();
        let below = placed.iter().filter(|p| (**p - x).abs() < 8).count() as i32;
        placed.push(x);
        event_mark(&area, event.kind, (x - offset.0, y - offset.1 + 7 + 13 * below))?;
    }
    draw_legend(&side, chart)
}

/// The legend, to the right of the plot: a line per scenario, then the period shaded, the
/// evidence strip, and each kind of event the chart shows.
fn draw_legend<DB: DrawingBackend>(
    side: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &Chart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    // Every entry fits: with many scenarios, rows get closer and the type smaller.
    let mut kinds: Vec<EventKind> = chart.events.iter().map(|e| e.kind).collect();
    kinds.sort();
    kinds.dedup();
    let entries = chart.series.len() + 3 + kinds.len();
    let step = ((HEIGHT as i32 - 60) / entries.max(1) as i32).clamp(11, 24);
    let font = ("sans-serif", f64::from(step - 9).clamp(9.0, 15.0)).into_font();
    let mut y = 40;
    let mut row = |sample: &dyn Fn(i32) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>, label: &str| {
        sample(y)?;
        side.draw(&Text::new(clipped(label, 28), (34, y - step / 3), font.clone()))?;
        y += step;
        Ok::<(), DrawingAreaErrorKind<DB::ErrorType>>(())
    };
    for (i, series) in chart.series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        row(
            &|y| side.draw(&PathElement::new(vec![(6, y), (26, y)], color.stroke_width(3))),
            &text::line(&series.title),
        )?;
    }
    if chart.shade.is_some() {
        row(&|y| side.draw(&Rectangle::new([(6, y - 6), (26, y + 6)], SHADE.filled())), "this period")?;
    }
    if !chart.evidence.is_empty() {
        row(
            &|y| side.draw(&PathElement::new(vec![(16, y - 7), (16, y + 7)], EVIDENCE.stroke_width(2))),
            "evidence (strip below)",
        )?;
    }
    if chart.evidence.iter().any(|(_, retracted)| *retracted) {
        row(
            &|y| side.draw(&PathElement::new(vec![(16, y - 7), (16, y + 7)], RETRACTED.stroke_width(2))),
            "evidence later retracted",
        )?;
    }
    for kind in kinds {
        let (_, name) = event_style(kind);
        row(&|y| event_mark(side, kind, (16, y)), name)?;
    }
    Ok(())
}

/// `text` cut to `max` characters, keeping its start and its end (titles that differ only at the
/// end stay apart): `Scenario number 1…end one`.
fn clipped(text: &str, max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return text.to_string();
    }
    let tail = max / 3;
    let head = max - tail - 1;
    chars[..head].iter().collect::<String>() + "…" + &chars[chars.len() - tail..].iter().collect::<String>()
}

/// The calibration chart: observed frequency against mean forecast per bin, with Jeffreys intervals and the diagonal.
pub fn calibration_svg(c: &crate::report::score::Calibration) -> Result<String, String> {
    to_svg((560, 560), |root| draw_calibration(root, c))
}

fn draw_calibration<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    c: &crate::report::score::Calibration,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let mut ctx = ChartBuilder::on(root)
        .caption(format!("Calibration of {} forecasts", c.forecasts), ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(52)
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
    ctx.configure_mesh()
        .light_line_style(WHITE.mix(0.0))
        .x_desc("forecast probability")
        .y_desc("observed frequency")
        .x_label_formatter(&|x| format!("{:.0}%", x * 100.0))
        .y_label_formatter(&|y| format!("{:.0}%", y * 100.0))
        .draw()?;
    ctx.draw_series(LineSeries::new([(0.0, 0.0), (1.0, 1.0)], BLACK.mix(0.4).stroke_width(1)))?
        .label("perfect calibration")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], BLACK.mix(0.4)));
    let points: Vec<(f64, f64, [f64; 2])> =
        c.bins.iter().filter_map(|b| Some((b.mean_forecast?, b.observed?, b.interval?))).collect();
    ctx.draw_series(
        points
            .iter()
            .map(|(x, _, [low, high])| PathElement::new(vec![(*x, *low), (*x, *high)], PALETTE[1].stroke_width(2))),
    )?;
    ctx.draw_series(points.iter().map(|(x, y, _)| Circle::new((*x, *y), 5, PALETTE[0].filled())))?
        .label("bins, with 90% Jeffreys intervals")
        .legend(|(x, y)| Circle::new((x + 8, y), 5, PALETTE[0].filled()));
    legend(&mut ctx)
}
