//! The chart as SVG, drawn with plotters: step lines per scenario, the week shaded, evidence marks, legend.

use crate::model::text;
use crate::report::chart::Chart;
use plotters::prelude::*;

const WIDTH: u32 = 900;
const HEIGHT: u32 = 420;
const PALETTE: [RGBColor; 8] = [
    RGBColor(200, 60, 50),
    RGBColor(40, 110, 180),
    RGBColor(60, 150, 80),
    RGBColor(150, 90, 170),
    RGBColor(220, 140, 30),
    RGBColor(90, 90, 90),
    RGBColor(20, 160, 160),
    RGBColor(170, 120, 60),
];

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

/// The legend, boxed, in the upper left.
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

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &Chart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let days = chart.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).fold(1.0_f64, f64::max);
    let caption =
        format!("{}: probability of each scenario, {} to {}", text::line(&chart.title), chart.start, chart.end);
    let mut ctx = ChartBuilder::on(root)
        .caption(caption, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(52)
        .build_cartesian_2d(0.0..days, 0.0..1.0)?;
    let start = chart.start;
    ctx.configure_mesh()
        .light_line_style(WHITE.mix(0.0))
        .x_desc("date")
        .y_desc("probability")
        .y_label_formatter(&|y| format!("{:.0}%", y * 100.0))
        .x_labels(8)
        .x_label_formatter(&|x| (start + chrono::Duration::days(x.floor() as i64)).format("%-d %b").to_string())
        .draw()?;
    if let Some((from, to)) = chart.shade {
        ctx.draw_series(std::iter::once(Rectangle::new(
            [(from, 0.0), (to, 1.0)],
            RGBColor(255, 235, 160).mix(0.5).filled(),
        )))?
        .label("report week")
        .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], RGBColor(255, 235, 160).filled()));
    }
    for (i, series) in chart.series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        ctx.draw_series(LineSeries::new(series.points.iter().copied(), color.stroke_width(3)))?
            .label(text::line(&series.title))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], color.stroke_width(3)));
    }
    ctx.draw_series(chart.marks.iter().map(|x| TriangleMarker::new((*x, 0.015), 5, BLACK.mix(0.6).filled())))?
        .label("evidence logged")
        .legend(|(x, y)| TriangleMarker::new((x + 7, y), 5, BLACK.mix(0.6).filled()));
    legend(&mut ctx)
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
