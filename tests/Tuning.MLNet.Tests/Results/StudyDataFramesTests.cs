using Microsoft.Data.Analysis;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tuning.MLNet.Tests.Results;

public sealed class StudyDataFramesTests
{
    private static Study SampleStudy()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Float("rate", 0.001, 1, log: true)
            .Int("layers", 1, 4)
            .Bool("bias")
            .Categorical("optimizer", "adam", "sgd")
            .Float("momentum", 0, 1, when: ("optimizer", "sgd"))
            .Float("id", 0, 1)
            .Build();
        var study = new Study(space, [Metric.Minimize("loss"), Metric.Store("auc")], new RandomSuggester(1));
        study.Enqueue(new Dictionary<string, object> { ["rate"] = 0.01, ["layers"] = 2, ["bias"] = true, ["optimizer"] = "adam", ["id"] = 0.5 });
        study.Enqueue(new Dictionary<string, object> { ["rate"] = 0.1, ["layers"] = 3, ["bias"] = false, ["optimizer"] = "sgd", ["momentum"] = 0.9, ["id"] = 0.25 });
        Trial first = study.Ask();
        first.SetAttribute("commit", "abc123");
        study.Tell(first, new Measurements { ["loss"] = 0.5, ["auc"] = 0.9 });
        study.Fail(study.Ask(), "diverged");
        study.Ask();   // left running
        return study;
    }

    [Fact]
    public void Every_trial_is_a_row_and_every_metric_parameter_and_attribute_a_column()
    {
        DataFrame frame = SampleStudy().ToDataFrame();

        Assert.Equal(3, frame.Rows.Count);
        Assert.Equal(
            ["id", "state", "started", "finished", "duration_s", "loss", "auc", "rate", "layers", "bias", "optimizer", "momentum", "param.id", "fail_reason", "attr.commit"],
            frame.Columns.Select(c => c.Name));
        Assert.Equal([0, 1, 2], frame.Columns["id"].Cast<int?>().Select(v => v!.Value));
        Assert.Equal(["Completed", "Failed", "Running"], frame.Columns["state"].Cast<string>());
        Assert.Equal([0.5, null, null], frame.Columns["loss"].Cast<double?>());
        Assert.Equal(typeof(int), frame.Columns["layers"].DataType);
        Assert.Equal(typeof(bool), frame.Columns["bias"].DataType);
        Assert.Equal([null, 0.9, null], frame.Columns["momentum"].Cast<double?>().Take(2).Append(null));
        Assert.Equal([0.5, 0.25], frame.Columns["param.id"].Cast<double?>().Take(2));
        Assert.Equal([null, "diverged", null], frame.Columns["fail_reason"].Cast<string?>());
        Assert.Equal(["abc123", null, null], frame.Columns["attr.commit"].Cast<string?>());
        Assert.Null(frame.Columns["finished"][2]);
        Assert.Null(frame.Columns["duration_s"][2]);
    }

    [Fact]
    public void The_data_view_reads_the_same_values_with_missing_numbers_as_NaN()
    {
        IDataView view = SampleStudy().ToDataView();

        double[] loss = [.. view.GetColumn<double>(view.Schema["loss"])];
        double[] momentum = [.. view.GetColumn<double>(view.Schema["momentum"])];

        Assert.Equal(0.5, loss[0]);
        Assert.True(double.IsNaN(loss[1]));
        Assert.True(double.IsNaN(momentum[0]));
        Assert.Equal(0.9, momentum[1]);
    }

    [Fact]
    public void In_the_data_view_an_inactive_int_or_bool_parameter_reads_as_NaN_not_as_a_value()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Bool("deep")
            .Int("layers", 0, 4, when: ("deep", true))
            .Bool("bias", when: ("deep", true))
            .Build();
        var study = new Study(space, Metric.Minimize("loss"));
        study.Enqueue(new Dictionary<string, object> { ["deep"] = false });
        study.Enqueue(new Dictionary<string, object> { ["deep"] = true, ["layers"] = 0, ["bias"] = false });
        study.Tell(study.Ask(), 1.0);
        study.Tell(study.Ask(), 2.0);

        IDataView view = study.ToDataView();

        Assert.Equal(NumberDataViewType.Double, view.Schema["layers"].Type);
        Assert.Equal([double.NaN, 0], view.GetColumn<double>(view.Schema["layers"]));
        Assert.Equal([double.NaN, 0], view.GetColumn<double>(view.Schema["bias"]));
        Assert.Equal([0, 1], view.GetColumn<double>(view.Schema["deep"]));
        Assert.Equal(NumberDataViewType.Int32, view.Schema["id"].Type);
        Assert.Equal(typeof(int), study.ToDataFrame().Columns["layers"].DataType);
    }

    [Fact]
    public void An_attribute_named_like_an_earlier_column_gets_a_number_after_its_own_name()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("attr.seed", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(1));
        Trial trial = study.Ask();
        trial.SetAttribute("seed", "42");

        DataFrame frame = study.ToDataFrame();

        Assert.Equal(["attr.seed", "fail_reason", "attr.seed.2"], frame.Columns.Select(c => c.Name).Skip(6));
        Assert.Equal(["42"], frame.Columns["attr.seed.2"].Cast<string?>());
    }
}
