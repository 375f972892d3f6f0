import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartSeries {
  key: string;
  name: string;
  colour: string;
}

/**
 * A bar chart of figures (stacked when it has several series). It is a picture of the table beside
 * it, which is what assistive technology reads, so the chart itself is hidden from it.
 */
export function FigureChart(props: {
  data: Record<string, string | number>[];
  category: string;
  series: ChartSeries[];
}) {
  return (
    <div className="desk-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={240}>
        <BarChart
          data={props.data}
          accessibilityLayer={false}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={props.category} interval={0} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          {props.series.length > 1 && <Legend />}
          {props.series.map((series) => (
            <Bar
              key={series.key}
              dataKey={series.key}
              name={series.name}
              fill={series.colour}
              stackId="all"
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
