from fastapi import FastAPI

app = FastAPI()


@app.get("/api/memory-files")
def memory_files():
    return {"success": True, "files": []}
